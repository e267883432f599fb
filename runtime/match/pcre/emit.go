package pcre

import (
	"errors"
	"fmt"
	"strings"
)

// target is the syntax a pattern is written out in.
type target uint8

const (
	re2Syntax target = iota // RE2, Latin-1
	netSyntax               // regexp2 (.NET), one rune per byte
)

// errBacktrack reports a construct only the backtracking engine runs.
var errBacktrack = errors.New("needs a backtracking engine")

// emitter writes a parsed pattern for one engine. For RE2 it counts the
// capture groups it writes, to find the pattern's first group and the
// groups that mark where a match ends before a final newline.
type emitter struct {
	t      target
	b      strings.Builder
	groups int
	first  int // RE2 group of the pattern's group 1, 0 if none
	// groupOf is, by the pattern's group number, the engine's.
	groupOf []int
	marks   []int // RE2 groups marking a match end
	// repeats is the product of the counts of the repetitions being
	// written, RE2's measure of a pattern's size.
	repeats int
}

// emit writes n; tail says that nothing after n can consume input.
func (e *emitter) emit(n *node, tail bool) error {
	switch n.op {
	case opSet:
		e.set(n.set)
	case opConcat:
		for i, s := range n.subs {
			if err := e.emit(s, tail && i == len(n.subs)-1); err != nil {
				return err
			}
		}
	case opAlt:
		for i, s := range n.subs {
			if i > 0 {
				e.b.WriteByte('|')
			}
			if err := e.emit(s, tail); err != nil {
				return err
			}
		}
	case opRepeat:
		return e.repeat(n)
	case opGroup:
		return e.group(n, tail)
	case opLook, opAtomic:
		if e.t == re2Syntax {
			return errBacktrack
		}
		e.b.WriteString(lookOpen(n))
		if err := e.emit(n.subs[0], false); err != nil {
			return err
		}
		e.b.WriteByte(')')
	case opBackref:
		if e.t == re2Syntax {
			return errBacktrack
		}
		if n.fold {
			fmt.Fprintf(&e.b, `(?i:\%d)`, n.ref)
		} else {
			fmt.Fprintf(&e.b, `(?:\%d)`, n.ref)
		}
	case opAssert:
		return e.assertion(n.assert, tail)
	}
	return nil
}

// emitAtom writes n, in a non-capturing group when wrap is set.
func (e *emitter) emitAtom(n *node, tail, wrap bool) error {
	if wrap {
		e.b.WriteString("(?:")
	}
	if err := e.emit(n, tail); err != nil {
		return err
	}
	if wrap {
		e.b.WriteByte(')')
	}
	return nil
}

func lookOpen(n *node) string {
	switch {
	case n.op == opAtomic:
		return "(?>"
	case n.ahead && n.neg:
		return "(?!"
	case n.ahead:
		return "(?="
	case n.neg:
		return "(?<!"
	}
	return "(?<="
}

func (e *emitter) group(n *node, tail bool) error {
	if !n.capture {
		return e.emitAtom(n.subs[0], tail, true)
	}
	e.groups++
	if n.index == 1 {
		e.first = e.groups
	}
	if n.index < len(e.groupOf) {
		e.groupOf[n.index] = e.groups
	}
	e.b.WriteByte('(')
	if err := e.emit(n.subs[0], tail); err != nil {
		return err
	}
	e.b.WriteByte(')')
	return nil
}

// maxRE2Repeat is the largest count RE2 takes, in one repetition or
// multiplied through nested ones.
const maxRE2Repeat = 1000

func (e *emitter) repeat(n *node) error {
	if e.t == re2Syntax {
		count := max(n.min, n.max)
		if n.possessive || count*e.repeats > maxRE2Repeat {
			return errBacktrack
		}
		saved := e.repeats
		e.repeats *= max(count, 1)
		defer func() { e.repeats = saved }()
	}
	if n.possessive {
		e.b.WriteString("(?>")
	}
	sub := n.subs[0]
	if err := e.emitAtom(sub, false, !(sub.op == opSet || sub.op == opGroup || sub.op == opBackref)); err != nil {
		return err
	}
	switch {
	case n.min == 0 && n.max == -1:
		e.b.WriteByte('*')
	case n.min == 1 && n.max == -1:
		e.b.WriteByte('+')
	case n.min == 0 && n.max == 1:
		e.b.WriteByte('?')
	case n.max == -1:
		fmt.Fprintf(&e.b, "{%d,}", n.min)
	case n.min == n.max:
		fmt.Fprintf(&e.b, "{%d}", n.min)
	default:
		fmt.Fprintf(&e.b, "{%d,%d}", n.min, n.max)
	}
	if n.lazy {
		e.b.WriteByte('?')
	}
	if n.possessive {
		e.b.WriteByte(')')
	}
	return nil
}

const wordClass = `[0-9A-Za-z_]`

func (e *emitter) assertion(a assertion, tail bool) error {
	switch a {
	case beginText:
		e.b.WriteString(`\A`)
	case beginLine:
		e.b.WriteString(`(?m:^)`)
	case endText:
		e.b.WriteString(`\z`)
	case endLine:
		e.b.WriteString(`(?m:$)`)
	case endTextOptNL:
		if e.t == netSyntax {
			e.b.WriteString(`\Z`)
			return nil
		}
		if !tail {
			return errBacktrack
		}
		e.groups++
		e.marks = append(e.marks, e.groups)
		e.b.WriteString(`()\n?\z`)
	case wordBoundary:
		if e.t == re2Syntax {
			e.b.WriteString(`\b`)
			return nil
		}
		e.b.WriteString(`(?:(?<=` + wordClass + `)(?!` + wordClass + `)|(?<!` + wordClass + `)(?=` + wordClass + `))`)
	case notWordBoundary:
		if e.t == re2Syntax {
			e.b.WriteString(`\B`)
			return nil
		}
		e.b.WriteString(`(?:(?<=` + wordClass + `)(?=` + wordClass + `)|(?<!` + wordClass + `)(?!` + wordClass + `))`)
	case startOffset:
		if e.t == re2Syntax {
			return errBacktrack
		}
		e.b.WriteString(`\G`)
	}
	return nil
}

// set writes one byte of s: a literal, a class, or its complement.
func (e *emitter) set(s byteSet) {
	n := s.count()
	switch {
	case n == 0:
		e.b.WriteString(`[^\x00-\xFF]`)
		return
	case n == 1:
		r := s.ranges()[0]
		writeByte(&e.b, byte(r[0]))
		return
	}
	rs, neg := s.ranges(), s.not().ranges()
	e.b.WriteByte('[')
	if len(neg) > 0 && len(neg) < len(rs) {
		e.b.WriteByte('^')
		rs = neg
	}
	for _, r := range rs {
		writeByte(&e.b, byte(r[0]))
		if r[1] > r[0] {
			if r[1] > r[0]+1 {
				e.b.WriteByte('-')
			}
			writeByte(&e.b, byte(r[1]))
		}
	}
	e.b.WriteByte(']')
}

// writeByte writes c as itself when it is a letter or digit, as \xHH
// otherwise, which both engines read the same in and out of classes.
func writeByte(b *strings.Builder, c byte) {
	if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		b.WriteByte(c)
		return
	}
	fmt.Fprintf(b, `\x%02X`, c)
}
