package pcre

import (
	"fmt"
	"strconv"
	"strings"
)

type parser struct {
	src      string
	pos      int
	fl       flags
	groups   int            // capture groups opened so far
	total    int            // capture groups in the whole pattern
	names    map[string]int // named groups seen so far
	namedIdx []int          // the named groups, in pattern order
	refs     []*node        // named references to resolve at the end
	refNames []string
}

// groupInfo is what a pattern's capture groups are: how many, and which
// are named, in pattern order.
type groupInfo struct {
	count int
	named []int
}

// parse reads pattern with the Suricata pcre flags in fl.
func parse(pattern string, fl flags) (*node, groupInfo, error) {
	p := &parser{src: pattern, fl: fl, names: map[string]int{}, total: countGroups(pattern)}
	n, err := p.alt()
	if err != nil {
		return nil, groupInfo{}, err
	}
	if p.pos < len(p.src) {
		return nil, groupInfo{}, p.errorf(ErrSyntax, "unmatched )")
	}
	for i, r := range p.refs {
		idx, ok := p.names[p.refNames[i]]
		if !ok {
			return nil, groupInfo{}, fmt.Errorf("reference to unknown group %q: %w", p.refNames[i], ErrSyntax)
		}
		r.ref = idx
	}
	return n, groupInfo{count: p.groups, named: p.namedIdx}, nil
}

func (p *parser) errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("at offset %d: %s: %w", p.pos, fmt.Sprintf(format, args...), kind)
}

func (p *parser) more() bool              { return p.pos < len(p.src) }
func (p *parser) peek() byte              { return p.src[p.pos] }
func (p *parser) lookingAt(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

// countGroups counts the capturing groups of a pattern, to tell
// backreferences from octal escapes as PCRE does.
func countGroups(s string) int {
	n, inClass := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
			if strings.HasPrefix(s[i+1:], "]") || strings.HasPrefix(s[i+1:], "^]") {
				i += strings.IndexByte(s[i+1:], ']') + 1
			}
		case c == '(':
			rest := s[i+1:]
			if !strings.HasPrefix(rest, "?") && !strings.HasPrefix(rest, "*") ||
				strings.HasPrefix(rest, "?P<") || strings.HasPrefix(rest, "?'") ||
				strings.HasPrefix(rest, "?<") && !strings.HasPrefix(rest, "?<=") && !strings.HasPrefix(rest, "?<!") {
				n++
			}
		}
	}
	return n
}

// skipExtended skips white space and comments under the x flag.
func (p *parser) skipExtended() {
	for p.fl.extended && p.more() {
		switch c := p.peek(); {
		case c == '#':
			for p.more() && p.peek() != '\n' {
				p.pos++
			}
		case strings.IndexByte(" \t\n\v\f\r", c) >= 0:
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) alt() (*node, error) {
	var alts []*node
	for {
		n, err := p.concat()
		if err != nil {
			return nil, err
		}
		alts = append(alts, n)
		if !p.more() || p.peek() != '|' {
			break
		}
		p.pos++
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &node{op: opAlt, subs: alts}, nil
}

func (p *parser) concat() (*node, error) {
	cat := &node{op: opConcat}
	for {
		p.skipExtended()
		if !p.more() || p.peek() == '|' || p.peek() == ')' {
			return cat, nil
		}
		atom, err := p.atom()
		if err != nil {
			return nil, err
		}
		if atom == nil {
			continue
		}
		if atom.op == opConcat {
			// \Q...\E: a quantifier applies to its last byte only.
			last := len(atom.subs) - 1
			cat.subs = append(cat.subs, atom.subs[:last]...)
			atom = atom.subs[last]
		}
		p.skipExtended()
		if atom, err = p.quantifier(atom); err != nil {
			return nil, err
		}
		cat.subs = append(cat.subs, atom)
	}
}

// quantifier applies a following quantifier, if any, to atom.
func (p *parser) quantifier(atom *node) (*node, error) {
	if !p.more() {
		return atom, nil
	}
	lo, hi := 0, 0
	switch p.peek() {
	case '*':
		lo, hi = 0, -1
		p.pos++
	case '+':
		lo, hi = 1, -1
		p.pos++
	case '?':
		lo, hi = 0, 1
		p.pos++
	case '{':
		var ok bool
		if lo, hi, ok = p.braces(); !ok {
			return atom, nil
		}
	default:
		return atom, nil
	}
	if atom.op == opAssert || atom.op == opLook {
		return nil, p.errorf(ErrUnsupported, "quantified assertion")
	}
	r := &node{op: opRepeat, subs: []*node{atom}, min: lo, max: hi}
	if p.more() && p.peek() == '?' {
		r.lazy = true
		p.pos++
	} else if p.more() && p.peek() == '+' {
		r.possessive = true
		p.pos++
	}
	if p.fl.ungreedy && !r.possessive {
		r.lazy = !r.lazy
	}
	if p.more() && strings.IndexByte("*+?", p.peek()) >= 0 {
		return nil, p.errorf(ErrSyntax, "nothing to repeat")
	}
	return r, nil
}

// braces reads {n}, {n,} or {n,m}; anything else is a literal brace.
func (p *parser) braces() (int, int, bool) {
	end := strings.IndexByte(p.src[p.pos:], '}')
	if end < 0 {
		return 0, 0, false
	}
	body := p.src[p.pos+1 : p.pos+end]
	a, b, comma := strings.Cut(body, ",")
	lo, err := strconv.Atoi(a)
	if err != nil || a == "" || a[0] == '+' || a[0] == '-' || lo > 65535 {
		return 0, 0, false
	}
	hi := lo
	switch {
	case comma && b == "":
		hi = -1
	case comma:
		if hi, err = strconv.Atoi(b); err != nil || b[0] == '+' || b[0] == '-' || hi > 65535 || hi < lo {
			return 0, 0, false
		}
	}
	p.pos += end + 1
	return lo, hi, true
}

// literal returns a node for byte c under the current flags.
func (p *parser) literal(c byte) *node {
	s := setOf(c)
	if p.fl.caseless {
		s = s.fold()
	}
	return &node{op: opSet, set: s}
}

// atom reads one atom; it returns nil for a construct that only changed
// the flags or was a comment.
func (p *parser) atom() (*node, error) {
	c := p.peek()
	switch c {
	case '(':
		return p.group()
	case '[':
		p.pos++
		s, err := p.class()
		if err != nil {
			return nil, err
		}
		return &node{op: opSet, set: s}, nil
	case '.':
		p.pos++
		if p.fl.dotall {
			return &node{op: opSet, set: allSet}, nil
		}
		return &node{op: opSet, set: notNL}, nil
	case '^':
		p.pos++
		if p.fl.multiline {
			return &node{op: opAssert, assert: beginLine}, nil
		}
		return &node{op: opAssert, assert: beginText}, nil
	case '$':
		p.pos++
		switch {
		case p.fl.multiline:
			return &node{op: opAssert, assert: endLine}, nil
		case p.fl.dollarEndOnly:
			return &node{op: opAssert, assert: endText}, nil
		}
		return &node{op: opAssert, assert: endTextOptNL}, nil
	case '\\':
		return p.escape()
	case '*', '+', '?':
		return nil, p.errorf(ErrSyntax, "nothing to repeat")
	case '{':
		save := p.pos
		if _, _, ok := p.braces(); ok {
			p.pos = save
			return nil, p.errorf(ErrSyntax, "nothing to repeat")
		}
	}
	p.pos++
	return p.literal(c), nil
}
