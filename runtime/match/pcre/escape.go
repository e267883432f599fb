package pcre

import (
	"strconv"
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

// escapeSets are the escapes standing for a class, in and out of [...].
var escapeSets = map[byte]byteSet{
	'd': digitSet, 'D': digitSet.not(),
	's': spaceSet, 'S': spaceSet.not(),
	'w': wordSet, 'W': wordSet.not(),
	'h': hspaceSet, 'H': hspaceSet.not(),
	'v': vspaceSet, 'V': vspaceSet.not(),
}

// escapeBytes are the escapes standing for one byte.
var escapeBytes = map[byte]byte{'a': 7, 'e': 0x1b, 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// escape reads an escape outside a class.
func (p *parser) escape() (*node, error) {
	p.pos++
	if !p.more() {
		return nil, p.errorf(ErrSyntax, "trailing backslash")
	}
	c := p.peek()
	p.pos++
	if s, ok := escapeSets[c]; ok {
		return &node{op: opSet, set: s}, nil
	}
	switch c {
	case 'A':
		return &node{op: opAssert, assert: beginText}, nil
	case 'z':
		return &node{op: opAssert, assert: endText}, nil
	case 'Z':
		return &node{op: opAssert, assert: endTextOptNL}, nil
	case 'b':
		return &node{op: opAssert, assert: wordBoundary}, nil
	case 'B':
		return &node{op: opAssert, assert: notWordBoundary}, nil
	case 'G':
		return &node{op: opAssert, assert: startOffset}, nil
	case 'N':
		if p.lookingAt("{") {
			return nil, p.errorf(ErrUnsupported, `\N{...}`)
		}
		return &node{op: opSet, set: notNL}, nil
	case 'R':
		crlf := &node{op: opConcat, subs: []*node{{op: opSet, set: setOf('\r')}, {op: opSet, set: setOf('\n')}}}
		return &node{op: opAtomic, subs: []*node{{op: opAlt, subs: []*node{crlf, {op: opSet, set: vspaceSet}}}}}, nil
	case 'Q':
		return p.quoted(), nil
	case 'E':
		return nil, nil
	case 'g', 'k':
		return p.backref(c)
	}
	if c >= '1' && c <= '9' {
		p.pos--
		return p.numberedRef()
	}
	b, err := p.byteEscape(c)
	if err != nil {
		return nil, err
	}
	return p.literal(b), nil
}

// quoted reads \Q...\E as a sequence of literals, nil when empty.
func (p *parser) quoted() *node {
	end := strings.Index(p.src[p.pos:], `\E`)
	if end < 0 {
		end = len(p.src) - p.pos
	}
	if end == 0 {
		p.pos = min(len(p.src), p.pos+2)
		return nil
	}
	cat := &node{op: opConcat}
	for i := 0; i < end; i++ {
		cat.subs = append(cat.subs, p.literal(p.src[p.pos+i]))
	}
	p.pos = min(len(p.src), p.pos+end+2)
	return cat
}

// byteEscape reads the rest of an escape standing for one byte, c being
// the character after the backslash. It serves inside classes too.
func (p *parser) byteEscape(c byte) (byte, error) {
	if b, ok := escapeBytes[c]; ok {
		return b, nil
	}
	switch {
	case c == 'x':
		return p.hexEscape()
	case c == 'o':
		return p.bracedNumber(8)
	case c >= '0' && c <= '7':
		v := int(c - '0')
		for i := 0; i < 2 && p.more() && p.peek() >= '0' && p.peek() <= '7'; i++ {
			v = v*8 + int(p.peek()-'0')
			p.pos++
		}
		if v > 255 {
			return 0, p.errorf(ErrUnsupported, "octal value %o past one byte", v)
		}
		return byte(v), nil
	case c == 'c':
		if !p.more() || p.peek() > 127 {
			return 0, p.errorf(ErrSyntax, `\c at end of pattern`)
		}
		x := p.peek()
		p.pos++
		if x >= 'a' && x <= 'z' {
			x -= 'a' - 'A'
		}
		return x ^ 0x40, nil
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return 0, p.errorf(ErrUnsupported, `escape \%c`, c)
	}
	return c, nil
}

// hexEscape reads the digits of \xhh or \x{hh}.
func (p *parser) hexEscape() (byte, error) {
	if p.lookingAt("{") {
		return p.bracedNumber(16)
	}
	v, n := 0, 0
	for n < 2 && p.more() && hexdigit.Is(p.peek()) {
		d, _ := strconv.ParseUint(p.src[p.pos:p.pos+1], 16, 8)
		v = v*16 + int(d)
		p.pos++
		n++
	}
	return byte(v), nil
}

// bracedNumber reads {digits} in base.
func (p *parser) bracedNumber(base int) (byte, error) {
	if !p.lookingAt("{") {
		return 0, p.errorf(ErrSyntax, "missing {")
	}
	end := strings.IndexByte(p.src[p.pos:], '}')
	if end < 0 {
		return 0, p.errorf(ErrSyntax, "missing }")
	}
	v, err := strconv.ParseUint(strings.TrimSpace(p.src[p.pos+1:p.pos+end]), base, 32)
	if err != nil {
		return 0, p.errorf(ErrSyntax, "bad number %q", p.src[p.pos+1:p.pos+end])
	}
	if v > 255 {
		return 0, p.errorf(ErrUnsupported, "character %#x past one byte", v)
	}
	p.pos += end + 1
	return byte(v), nil
}

// numberedRef reads \n: a backreference when n < 10 or n names an
// existing group, an octal escape otherwise.
func (p *parser) numberedRef() (*node, error) {
	end := p.pos
	for end < len(p.src) && p.src[end] >= '0' && p.src[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(p.src[p.pos:end])
	if n <= p.total {
		p.pos = end
		return &node{op: opBackref, ref: n, fold: p.fl.caseless}, nil
	}
	if n < 10 || p.peek() > '7' {
		return nil, p.errorf(ErrSyntax, "reference to a missing group %d", n)
	}
	c := p.peek()
	p.pos++
	b, err := p.byteEscape(c)
	if err != nil {
		return nil, err
	}
	return p.literal(b), nil
}

// backref reads the rest of \g... or \k....
func (p *parser) backref(kind byte) (*node, error) {
	closeFor := map[byte]byte{'{': '}', '<': '>', '\'': '\''}
	if !p.more() {
		return nil, p.errorf(ErrSyntax, `\%c at end of pattern`, kind)
	}
	open := p.peek()
	if close, ok := closeFor[open]; ok && (kind == 'k' || open == '{') {
		end := strings.IndexByte(p.src[p.pos+1:], close)
		if end < 0 {
			return nil, p.errorf(ErrSyntax, "unterminated reference")
		}
		ref := p.src[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return p.refTo(ref)
	}
	if kind == 'k' {
		return nil, p.errorf(ErrSyntax, `\k without a name`)
	}
	end := p.pos
	if end < len(p.src) && p.src[end] == '-' {
		end++
	}
	for end < len(p.src) && p.src[end] >= '0' && p.src[end] <= '9' {
		end++
	}
	ref := p.src[p.pos:end]
	p.pos = end
	return p.refTo(ref)
}

// refTo resolves a reference by number, relative number or name.
func (p *parser) refTo(ref string) (*node, error) {
	n, err := strconv.Atoi(ref)
	switch {
	case err != nil:
		return p.namedRef(ref), nil
	case n < 0:
		n = p.groups + 1 + n
	case strings.HasPrefix(ref, "+"):
		return nil, p.errorf(ErrUnsupported, "forward relative reference")
	}
	if n <= 0 || n > p.total {
		return nil, p.errorf(ErrSyntax, "reference to a missing group %s", ref)
	}
	return &node{op: opBackref, ref: n, fold: p.fl.caseless}, nil
}
