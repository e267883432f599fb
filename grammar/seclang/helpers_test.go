package seclang

import (
	"bytes"
	"fmt"
	"reflect"

	"github.com/rulec/rulec/diag"
)

// stripPos returns a copy of d with every position cleared.
func stripPos(d *Directive) Directive {
	c := *d
	c.Pos = diag.Pos{}
	c.Args = append([]Arg(nil), d.Args...)
	for i := range c.Args {
		c.Args[i].Pos = diag.Pos{}
	}
	c.Vars = append([]Variable(nil), d.Vars...)
	for i := range c.Vars {
		c.Vars[i].Pos = diag.Pos{}
	}
	if d.Op != nil {
		op := *d.Op
		op.Pos, op.ArgPos = diag.Pos{}, diag.Pos{}
		c.Op = &op
	}
	c.Actions = append([]Action(nil), d.Actions...)
	for i := range c.Actions {
		c.Actions[i].Pos, c.Actions[i].ValuePos = diag.Pos{}, diag.Pos{}
	}
	return c
}

// byteAt returns the source byte a position points at, or an error when
// it points outside the source.
func byteAt(lines [][]byte, p diag.Pos) (byte, error) {
	if p.Line < 1 || p.Line > len(lines) {
		return 0, fmt.Errorf("%v: line out of range", p)
	}
	l := lines[p.Line-1]
	if p.Col < 1 || p.Col > len(l) {
		return 0, fmt.Errorf("%v: column out of range", p)
	}
	return l[p.Col-1], nil
}

// checkPositions verifies that every position of d points at the byte
// that starts the element it belongs to; lines is the source split at
// newlines.
func checkPositions(lines [][]byte, d *Directive) error {
	type probe struct {
		what string
		pos  diag.Pos
		want []byte
	}
	probes := []probe{{"name", d.Pos, []byte{d.Name[0]}}}
	for _, a := range d.Args {
		if a.Quoted {
			probes = append(probes, probe{"arg", a.Pos, []byte(`"'`)})
		} else {
			probes = append(probes, probe{"arg", a.Pos, []byte{a.Value[0]}})
		}
	}
	for _, v := range d.Vars {
		want := v.Name[0]
		switch {
		case v.Exclude:
			want = '!'
		case v.Count:
			want = '&'
		}
		probes = append(probes, probe{"variable " + v.Name, v.Pos, []byte{want}})
	}
	if d.Op != nil {
		want := byte('@')
		switch {
		case d.Op.Negated:
			want = '!'
		case d.Op.Implicit:
			want = d.Op.Arg[0]
		}
		probes = append(probes, probe{"operator", d.Op.Pos, []byte{want}})
		if d.Op.Arg != "" {
			probes = append(probes, probe{"operator argument", d.Op.ArgPos, []byte{d.Op.Arg[0]}})
		}
	}
	for _, a := range d.Actions {
		probes = append(probes, probe{"action " + a.Name, a.Pos, []byte{a.Name[0]}})
		if a.Quoted {
			probes = append(probes, probe{"value of " + a.Name, a.ValuePos, []byte{'\''}})
		} else if a.Value != "" {
			probes = append(probes, probe{"value of " + a.Name, a.ValuePos, []byte{a.Value[0]}})
		}
	}
	for _, p := range probes {
		c, err := byteAt(lines, p.pos)
		if err != nil {
			return fmt.Errorf("%s: %w", p.what, err)
		}
		if bytes.IndexByte(p.want, c) < 0 {
			return fmt.Errorf("%v: %s points at %q, want one of %q", p.pos, p.what, c, p.want)
		}
	}
	return nil
}

func equalDirectives(a, b *Directive) bool {
	return reflect.DeepEqual(stripPos(a), stripPos(b))
}

func splitLinesOf(src string) [][]byte { return bytes.Split([]byte(src), []byte("\n")) }
