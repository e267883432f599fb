package seclang

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// directiveFunc applies a configuration directive; name is its canonical
// spelling.
type directiveFunc func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic

var directives = newTable[directiveFunc]("seclang directive")

func registerDirective(name string, apply directiveFunc) { directives.add(name, apply) }

// needArgs reports a directive with fewer than n arguments.
func needArgs(name string, d *syntax.Directive, n int) *diag.Diagnostic {
	if len(d.Args) < n {
		return diag.Errorf(d.Pos, diag.ErrMissing, "%s: want %d argument(s), got %d", name, n, len(d.Args))
	}
	return nil
}

// idSet parses rule ids and ranges ("1", "100-199"), separated by white
// space or commas.
func idSet(name string, a syntax.Arg) (func(uint64) bool, *diag.Diagnostic) {
	type span struct{ lo, hi uint64 }
	var spans []span
	for _, f := range strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		lo, hi, isRange := strings.Cut(f, "-")
		if !isRange {
			hi = lo
		}
		l, errL := strconv.ParseUint(lo, 10, 64)
		h, errH := strconv.ParseUint(hi, 10, 64)
		if errL != nil || errH != nil || l > h {
			return nil, &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("%s: %q is not an id or id range: %w", name, f, diag.ErrBadValue)}
		}
		spans = append(spans, span{l, h})
	}
	if len(spans) == 0 {
		return nil, &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("%s: no id: %w", name, diag.ErrMissing)}
	}
	return func(id uint64) bool {
		return slices.ContainsFunc(spans, func(s span) bool { return s.lo <= id && id <= s.hi })
	}, nil
}

// pattern compiles a directive's regular expression argument.
func pattern(name string, a syntax.Arg) (*regexp.Regexp, *diag.Diagnostic) {
	re, err := regexp.Compile(a.Value)
	if err != nil {
		return nil, &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("%s: not RE2 (%v): %w", name, err, diag.ErrUnsupported)}
	}
	return re, nil
}

// tags returns the tag values of a rule.
func (e *entry) tags() []string {
	var out []string
	for _, kv := range e.b.rule.Meta.Metadata {
		if kv.Key == "tag" {
			out = append(out, kv.Value)
		}
	}
	return out
}

// remove drops the rules drop selects; their markers move to the next rule.
func (c *compiler) remove(drop func(*entry) bool) {
	kept := c.entries[:0]
	var carry []string
	for _, e := range c.entries {
		if drop(e) {
			carry = append(carry, e.b.rule.Sec.Markers...)
			continue
		}
		if carry != nil {
			e.b.rule.Sec.Markers = append(carry, e.b.rule.Sec.Markers...)
			carry = nil
		}
		kept = append(kept, e)
	}
	c.entries = kept
	c.pending = append(carry, c.pending...)
}
