package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("content", valueRequired, func(b *builder, o *syntax.Option) error {
		c, err := parseContent(o.Value)
		if err != nil {
			return err
		}
		c.Buffer = b.buf
		b.add(c)
		return nil
	})
}

// parseContent reads `[!]"pattern"` into a content matcher.
func parseContent(v string) (*ir.Content, error) {
	c := &ir.Content{}
	if rest, ok := strings.CutPrefix(v, "!"); ok {
		c.Negated, v = true, strings.TrimSpace(rest)
	}
	pat, err := syntax.DecodeContent(v)
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, diag.ErrBadValue)
	}
	if len(pat) == 0 {
		return nil, fmt.Errorf("empty pattern: %w", diag.ErrBadValue)
	}
	c.Pattern = pat
	return c, nil
}

// checkContent rejects modifier combinations Suricata rejects.
func checkContent(c *ir.Content) error {
	conflict := func(format string, args ...any) error {
		return fmt.Errorf(format+": %w", append(args, diag.ErrConflict)...)
	}
	abs := c.Offset != nil || c.Depth != nil
	switch {
	case c.StartsWith && (abs || c.Relative()):
		return conflict("startswith cannot be combined with offset, depth, distance or within")
	case abs && c.Relative():
		return conflict("absolute (offset, depth) and relative (distance, within) modifiers on one content")
	case c.Depth != nil && c.Depth.Var == "" && c.Depth.Val < int64(len(c.Pattern)):
		return conflict("depth %d is shorter than the %d-byte pattern", c.Depth.Val, len(c.Pattern))
	case c.Within != nil && c.Within.Var == "" && c.Within.Val < int64(len(c.Pattern)):
		return conflict("within %d is shorter than the %d-byte pattern", c.Within.Val, len(c.Pattern))
	case c.FastPattern != nil && c.FastPattern.Only && (c.Negated || abs || c.Relative()):
		return conflict("fast_pattern:only cannot be negated or positioned")
	case c.FastPattern != nil && c.FastPattern.Length > 0 && c.FastPattern.Offset+c.FastPattern.Length > len(c.Pattern):
		return conflict("fast_pattern slice %d,%d exceeds the %d-byte pattern", c.FastPattern.Offset, c.FastPattern.Length, len(c.Pattern))
	}
	return nil
}

// modifyContent applies a content modifier to the last content and checks
// the result.
func modifyContent(b *builder, name string, set func(c *ir.Content) error) error {
	c, err := b.lastContent(name)
	if err != nil {
		return err
	}
	if err := set(c); err != nil {
		return err
	}
	return checkContent(c)
}

// setNum sets one of a content's position modifiers once.
func setNum(b *builder, name string, field func(c *ir.Content) **ir.Num, o *syntax.Option, min int64) error {
	return modifyContent(b, name, func(c *ir.Content) error {
		f := field(c)
		if *f != nil {
			return fmt.Errorf("%s given twice for one content: %w", name, diag.ErrConflict)
		}
		n, err := b.num(o.Value)
		if err != nil {
			return err
		}
		if n.Var == "" && n.Val < min {
			return fmt.Errorf("%s %d below %d: %w", name, n.Val, min, diag.ErrBadRange)
		}
		*f = &n
		return nil
	})
}
