package bodyproc

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rulec/rulec/internal/hexdigit"
)

// JSON bodies become arguments named by their path from "json": object
// members add ".name", array elements ".index", and a non-empty array also
// gives its own path its length ({"a":{"b":[7]}} gives json.a.b.0 = 7 and
// json.a.b = 1). Strings are unescaped, numbers and booleans kept as
// written, null is empty.
func init() {
	register("JSON", func(body []byte, _ string, s Sink) error {
		args, depth := s.Limits()
		p := &jsonParser{src: body, sink: s, maxArgs: args, maxDepth: depth, key: append(make([]byte, 0, 64), "json"...)}
		p.space()
		if err := p.value(0); err != nil {
			if errors.Is(err, errTruncated) {
				return nil
			}
			return err
		}
		p.space()
		if p.pos != len(p.src) {
			return p.errorf("data after the JSON value")
		}
		return nil
	})
}

var errJSON = errors.New("invalid JSON")

type jsonParser struct {
	src      []byte
	pos      int
	sink     Sink
	key      []byte
	args     int
	maxArgs  int
	maxDepth int
	buf      []byte
}

func (p *jsonParser) errorf(format string, a ...any) error {
	return fmt.Errorf("%w at offset %d: %s", errJSON, p.pos, fmt.Sprintf(format, a...))
}

func (p *jsonParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) error {
	if p.pos == len(p.src) {
		return p.errorf("unexpected end")
	}
	switch c := p.src[p.pos]; {
	case c == '{' || c == '[':
		if p.maxDepth > 0 && depth >= p.maxDepth {
			return fmt.Errorf("nesting deeper than %d: %w", p.maxDepth, ErrLimit)
		}
		if c == '{' {
			return p.object(depth + 1)
		}
		return p.array(depth + 1)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return err
		}
		return p.leaf(s)
	default:
		start := p.pos
		for p.pos < len(p.src) && isLiteralByte(p.src[p.pos]) {
			p.pos++
		}
		lit := string(p.src[start:p.pos])
		switch {
		case lit == "null":
			return p.leaf("")
		case lit == "true" || lit == "false":
			return p.leaf(lit)
		}
		if _, err := strconv.ParseFloat(lit, 64); err != nil || lit == "" {
			return p.errorf("bad literal %q", lit)
		}
		return p.leaf(lit)
	}
}

func isLiteralByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'E'
}

func (p *jsonParser) leaf(v string) error {
	if p.maxArgs > 0 && p.args == p.maxArgs {
		return errTruncated
	}
	p.args++
	p.sink.Arg(string(p.key), v)
	return nil
}

// length adds an array's length; it does not count against the argument
// limit.
func (p *jsonParser) length(n int) {
	p.sink.Arg(string(p.key), strconv.Itoa(n))
}

func (p *jsonParser) object(depth int) error {
	p.pos++
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		return nil
	}
	for {
		p.space()
		if p.pos == len(p.src) || p.src[p.pos] != '"' {
			return p.errorf("want a member name")
		}
		name, err := p.str()
		if err != nil {
			return err
		}
		p.space()
		if p.pos == len(p.src) || p.src[p.pos] != ':' {
			return p.errorf("want ':'")
		}
		p.pos++
		p.space()
		n := len(p.key)
		p.key = append(append(p.key, '.'), name...)
		err = p.value(depth)
		p.key = p.key[:n]
		if err != nil {
			return err
		}
		if done, err := p.next('}'); done || err != nil {
			return err
		}
	}
}

func (p *jsonParser) array(depth int) error {
	p.pos++
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		return nil
	}
	for i := 0; ; i++ {
		p.space()
		n := len(p.key)
		p.key = strconv.AppendInt(append(p.key, '.'), int64(i), 10)
		err := p.value(depth)
		p.key = p.key[:n]
		if err != nil {
			return err
		}
		done, err := p.next(']')
		if err != nil {
			return err
		}
		if done {
			p.length(i + 1)
			return nil
		}
	}
}

// next reads ',' (more to come) or the closing byte (done).
func (p *jsonParser) next(closing byte) (bool, error) {
	p.space()
	if p.pos == len(p.src) {
		return false, p.errorf("unexpected end")
	}
	switch p.src[p.pos] {
	case ',':
		p.pos++
		return false, nil
	case closing:
		p.pos++
		return true, nil
	}
	return false, p.errorf("want ',' or %q", closing)
}

// str reads a string literal at p.pos and returns it unescaped.
func (p *jsonParser) str() (string, error) {
	p.pos++
	start := p.pos
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '"':
			s := string(p.src[start:p.pos])
			p.pos++
			return s, nil
		case '\\':
			return p.escaped(start)
		}
		p.pos++
	}
	return "", p.errorf("unterminated string")
}

// escaped finishes a string that holds escapes.
func (p *jsonParser) escaped(start int) (string, error) {
	b := append(p.buf[:0], p.src[start:p.pos]...)
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			p.buf = b
			return string(b), nil
		case c != '\\':
			b = append(b, c)
			p.pos++
			continue
		}
		if p.pos+1 == len(p.src) {
			break
		}
		e := p.src[p.pos+1]
		p.pos += 2
		switch e {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.errorf("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				if r2, ok := p.lowSurrogate(); ok {
					r = utf16.DecodeRune(r, r2)
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			b = append(b, e)
		}
	}
	return "", p.errorf("unterminated string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.pos+4 > len(p.src) {
		return 0, false
	}
	var r rune
	for _, c := range p.src[p.pos : p.pos+4] {
		v := hexdigit.Int(c)
		if v < 0 {
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	p.pos += 4
	return r, true
}

// lowSurrogate reads a following \uDC00-\uDFFF escape, if there is one.
func (p *jsonParser) lowSurrogate() (rune, bool) {
	if p.pos+6 > len(p.src) || p.src[p.pos] != '\\' || p.src[p.pos+1] != 'u' {
		return 0, false
	}
	save := p.pos
	p.pos += 2
	r, ok := p.hex4()
	if !ok || r < 0xdc00 || r > 0xdfff {
		p.pos = save
		return 0, false
	}
	return r, true
}
