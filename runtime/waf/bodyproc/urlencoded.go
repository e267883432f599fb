package bodyproc

import (
	"unsafe"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() {
	register("URLENCODED", func(body []byte, _ string, s Sink) error {
		limit, _ := s.Limits()
		n := 0
		ParseQuery(string(body), '&', func(k, v string) bool {
			if limit > 0 && n == limit {
				return false
			}
			n++
			s.Arg(k, v)
			return true
		})
		return nil
	})
}

// ParseQuery splits s at sep into name=value pairs, URL-decodes both
// ('+' is a space, a bad %-escape stays as written) and calls fn for each
// until it returns false. A pair without '=' has an empty value; empty
// pairs are skipped.
func ParseQuery(s string, sep byte, fn func(name, value string) bool) {
	for len(s) > 0 {
		pair := s
		if i := indexByte(s, sep); i >= 0 {
			pair, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if pair == "" {
			continue
		}
		name, value := pair, ""
		if i := indexByte(pair, '='); i >= 0 {
			name, value = pair[:i], pair[i+1:]
		}
		if !fn(Unescape(name), Unescape(value)) {
			return
		}
	}
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// Unescape URL-decodes s leniently: %XX and '+'; anything else stays.
func Unescape(s string) string {
	i := 0
	for i < len(s) && s[i] != '%' && s[i] != '+' {
		i++
	}
	if i == len(s) {
		return s
	}
	b := append(make([]byte, 0, len(s)), s[:i]...)
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && hexdigit.Int(s[i+1]) >= 0 && hexdigit.Int(s[i+2]) >= 0:
			b = append(b, byte(hexdigit.Int(s[i+1])<<4|hexdigit.Int(s[i+2])))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
