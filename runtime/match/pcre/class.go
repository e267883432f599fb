package pcre

import "strings"

// class reads a character class after its [.
func (p *parser) class() (byteSet, error) {
	var s byteSet
	negate := false
	if p.lookingAt("^") {
		negate = true
		p.pos++
	}
	first := true
	for {
		if !p.more() {
			return s, p.errorf(ErrSyntax, "missing ]")
		}
		if p.peek() == ']' && !first {
			p.pos++
			break
		}
		first = false
		if p.lookingAt("[:") {
			set, err := p.posix()
			if err != nil {
				return s, err
			}
			s.addSet(set)
			continue
		}
		lo, set, isSet, err := p.classAtom()
		if err != nil {
			return s, err
		}
		if isSet {
			s.addSet(set)
			continue
		}
		if !p.lookingAt("-") || strings.HasPrefix(p.src[p.pos+1:], "]") || p.pos+1 >= len(p.src) {
			s.add(lo)
			continue
		}
		p.pos++
		if p.lookingAt("[:") {
			return s, p.errorf(ErrSyntax, "invalid range in class")
		}
		hi, _, hiSet, err := p.classAtom()
		if err != nil {
			return s, err
		}
		if hiSet || hi < lo {
			return s, p.errorf(ErrSyntax, "invalid range in class")
		}
		s.addRange(int(lo), int(hi))
	}
	if p.fl.caseless {
		s = s.fold()
	}
	if negate {
		s = s.not()
	}
	return s, nil
}

// classAtom reads one byte or one class escape inside [...].
func (p *parser) classAtom() (byte, byteSet, bool, error) {
	c := p.peek()
	p.pos++
	if c != '\\' {
		return c, byteSet{}, false, nil
	}
	if !p.more() {
		return 0, byteSet{}, false, p.errorf(ErrSyntax, "trailing backslash")
	}
	c = p.peek()
	p.pos++
	if s, ok := escapeSets[c]; ok {
		return 0, s, true, nil
	}
	switch c {
	case 'b':
		return '\b', byteSet{}, false, nil
	case 'Q':
		end := strings.Index(p.src[p.pos:], `\E`)
		if end < 0 {
			end = len(p.src) - p.pos
		}
		var s byteSet
		for i := 0; i < end; i++ {
			s.add(p.src[p.pos+i])
		}
		p.pos = min(len(p.src), p.pos+end+2)
		return 0, s, true, nil
	case 'E':
		return 0, byteSet{}, true, nil
	}
	b, err := p.byteEscape(c)
	return b, byteSet{}, false, err
}

// posix reads [:name:] or [:^name:].
func (p *parser) posix() (byteSet, error) {
	end := strings.Index(p.src[p.pos:], ":]")
	if end < 0 {
		return byteSet{}, p.errorf(ErrSyntax, "unterminated POSIX class")
	}
	name := p.src[p.pos+2 : p.pos+end]
	neg := strings.HasPrefix(name, "^")
	s, ok := posixClasses[strings.TrimPrefix(name, "^")]
	if !ok {
		return byteSet{}, p.errorf(ErrSyntax, "unknown POSIX class %q", name)
	}
	p.pos += end + 2
	if neg {
		return s.not(), nil
	}
	return s, nil
}
