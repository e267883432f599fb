package pcre

import "strings"

// group reads a parenthesized construct.
func (p *parser) group() (*node, error) {
	p.pos++
	if p.lookingAt("*") {
		return nil, p.errorf(ErrUnsupported, "verb or option (*...)")
	}
	if !p.lookingAt("?") {
		return p.capture("")
	}
	p.pos++
	switch {
	case p.lookingAt("#"):
		end := strings.IndexByte(p.src[p.pos:], ')')
		if end < 0 {
			return nil, p.errorf(ErrSyntax, "unterminated comment")
		}
		p.pos += end + 1
		return nil, nil
	case p.lookingAt(":"):
		p.pos++
		return p.body(&node{op: opGroup})
	case p.lookingAt(">"):
		p.pos++
		return p.body(&node{op: opAtomic})
	case p.lookingAt("="), p.lookingAt("!"):
		n := &node{op: opLook, ahead: true, neg: p.peek() == '!'}
		p.pos++
		return p.body(n)
	case p.lookingAt("<="), p.lookingAt("<!"):
		n := &node{op: opLook, neg: p.src[p.pos+1] == '!'}
		p.pos += 2
		return p.body(n)
	case p.lookingAt("P<"):
		p.pos += 2
		return p.named('>')
	case p.lookingAt("<"):
		p.pos++
		return p.named('>')
	case p.lookingAt("'"):
		p.pos++
		return p.named('\'')
	case p.lookingAt("P="):
		p.pos += 2
		name, err := p.name(')')
		if err != nil {
			return nil, err
		}
		return p.namedRef(name), nil
	}
	return p.options()
}

// capture reads the body of a capturing group, named name or not.
func (p *parser) capture(name string) (*node, error) {
	p.groups++
	n := &node{op: opGroup, capture: true, index: p.groups}
	if name != "" {
		p.names[name] = p.groups
		p.namedIdx = append(p.namedIdx, p.groups)
	}
	return p.body(n)
}

func (p *parser) named(close byte) (*node, error) {
	name, err := p.name(close)
	if err != nil {
		return nil, err
	}
	return p.capture(name)
}

// name reads a group name up to close.
func (p *parser) name(close byte) (string, error) {
	end := strings.IndexByte(p.src[p.pos:], close)
	if end <= 0 {
		return "", p.errorf(ErrSyntax, "bad group name")
	}
	name := p.src[p.pos : p.pos+end]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || c >= '0' && c <= '9' && i > 0 || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return "", p.errorf(ErrSyntax, "bad group name %q", name)
		}
	}
	p.pos += end + 1
	return name, nil
}

func (p *parser) namedRef(name string) *node {
	n := &node{op: opBackref, fold: p.fl.caseless}
	p.refs = append(p.refs, n)
	p.refNames = append(p.refNames, name)
	return n
}

// body reads a group's alternatives and the closing parenthesis into n;
// flags changed inside end with the group.
func (p *parser) body(n *node) (*node, error) {
	saved := p.fl
	sub, err := p.alt()
	p.fl = saved
	if err != nil {
		return nil, err
	}
	if !p.more() || p.peek() != ')' {
		return nil, p.errorf(ErrSyntax, "missing )")
	}
	p.pos++
	n.subs = []*node{sub}
	return n, nil
}

// options reads (?flags) or (?flags:...).
func (p *parser) options() (*node, error) {
	fl, on := p.fl, true
	for p.more() {
		c := p.peek()
		p.pos++
		switch c {
		case '-':
			on = false
		case 'i':
			fl.caseless = on
		case 'm':
			fl.multiline = on
		case 's':
			fl.dotall = on
		case 'x':
			fl.extended = on
		case 'U':
			fl.ungreedy = on
		case 'J':
		case ')':
			p.fl = fl
			return nil, nil
		case ':':
			saved := p.fl
			p.fl = fl
			n, err := p.body(&node{op: opGroup})
			p.fl = saved
			return n, err
		default:
			p.pos--
			return nil, p.errorf(ErrUnsupported, "group (?%c", c)
		}
	}
	return nil, p.errorf(ErrSyntax, "missing )")
}
