package suricata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// absent tests that a sticky buffer is missing; with or_else the buffer,
// when present, is inspected by the keywords after it.
func init() {
	register("absent", valueOptional, func(b *builder, o *syntax.Option) error {
		var orElse bool
		switch v := strings.TrimSpace(o.Value); v {
		case "":
		case "or_else":
			orElse = true
		default:
			return badValue("absent, want nothing or or_else", v)
		}
		if b.buf.Name == ir.BufPayload {
			return fmt.Errorf("absent needs a sticky buffer before it: %w", diag.ErrMissing)
		}
		if len(b.rule.Matchers) > b.bufStart {
			return fmt.Errorf("absent must come first after its buffer: %w", diag.ErrBadValue)
		}
		b.add(&ir.Absent{Buffer: b.buf, OrElse: orElse})
		return nil
	})
	finishers = append(finishers, checkAbsent)
}

// checkAbsent applies Suricata's rules for a buffer tested absent: absent
// alone takes no other keyword on the buffer, or_else needs one, and no
// content of the buffer is the fast pattern.
func checkAbsent(b *builder) error {
	for _, m := range b.rule.Matchers {
		a, ok := m.(*ir.Absent)
		if !ok {
			continue
		}
		others := 0
		for _, o := range b.rule.Matchers {
			if o == m || !sameBuffer(o.Buf(), a.Buffer) {
				continue
			}
			others++
			if c, ok := o.(*ir.Content); ok && c.FastPattern != nil {
				return fmt.Errorf("absent and fast_pattern on buffer %s: %w", a.Buffer.Name, diag.ErrConflict)
			}
		}
		switch {
		case !a.OrElse && others > 0:
			return fmt.Errorf("buffer %s tested absent and with other keywords: %w", a.Buffer.Name, diag.ErrConflict)
		case a.OrElse && others == 0:
			return fmt.Errorf("absent: or_else on buffer %s without keywords to test it: %w", a.Buffer.Name, diag.ErrMissing)
		}
	}
	return nil
}

func sameBuffer(a, b ir.Buffer) bool {
	return a.Name == b.Name && slices.Equal(a.Transforms, b.Transforms)
}
