package waf

import (
	"fmt"
	"strings"
)

// macro is a text with %{VARIABLE} and %{COLLECTION.key} references,
// compiled once.
type macro struct {
	parts []macroPart
}

// macroPart is literal text or one reference.
type macroPart struct {
	lit string
	v   *variable
	key string // lower-cased key of a collection reference
}

// compileMacro compiles s; a text without references gives nil, which
// callers treat as a constant.
func compileMacro(s string) (*macro, error) {
	if !strings.Contains(s, "%{") {
		return nil, nil
	}
	m := &macro{}
	for s != "" {
		i := strings.Index(s, "%{")
		if i < 0 {
			m.parts = append(m.parts, macroPart{lit: s})
			break
		}
		if i > 0 {
			m.parts = append(m.parts, macroPart{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("unterminated macro in %q: %w", s, ErrUnsupported)
		}
		ref := s[i+2 : i+j]
		name, key, _ := strings.Cut(ref, ".")
		v, err := lookupVariable(name)
		if err != nil {
			return nil, fmt.Errorf("macro %%{%s}: %w", ref, err)
		}
		m.parts = append(m.parts, macroPart{v: v, key: strings.ToLower(key)})
		s = s[i+j+1:]
	}
	return m, nil
}

// expand returns the text with every reference replaced by the first value
// it names; a missing value expands to nothing.
func (m *macro) expand(tx *Tx) string {
	if len(m.parts) == 1 {
		return m.parts[0].value(tx)
	}
	var b strings.Builder
	for i := range m.parts {
		b.WriteString(m.parts[i].value(tx))
	}
	return b.String()
}

func (p *macroPart) value(tx *Tx) string {
	switch {
	case p.v == nil:
		return p.lit
	case p.v.isScalar():
		s, _ := p.v.scalar(tx)
		return s
	}
	for i := range p.v.ncolls {
		c := p.v.colls(tx, i)
		if p.key == "" {
			if len(c.items) > 0 {
				return c.items[0].value
			}
			continue
		}
		if j := c.find(p.key); j >= 0 {
			if p.v.names {
				return c.items[j].key
			}
			return c.items[j].value
		}
	}
	return ""
}

// text is a constant or a macro.
type text struct {
	raw string
	m   *macro
}

func compileText(s string) (text, error) {
	m, err := compileMacro(s)
	return text{raw: s, m: m}, err
}

func (t text) expand(tx *Tx) string {
	if t.m == nil {
		return t.raw
	}
	return t.m.expand(tx)
}
