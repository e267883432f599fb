package transform

import (
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() { register("jsDecode", jsDecode) }

// jsDecode decodes JavaScript escapes: \uHHHH (as urlDecodeUni's %u),
// \xHH, octal \OOO, the single-letter C escapes, and \c for any other c.
func jsDecode(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b = append(b, c)
			continue
		}
		n := s[i+1]
		switch {
		case n == 'u' && i+5 < len(s) && hexdigit.Is(s[i+2]) && hexdigit.Is(s[i+3]) && hexdigit.Is(s[i+4]) && hexdigit.Is(s[i+5]):
			b = append(b, wideByte(s[i+2:i+6]))
			i += 5
		case n == 'x' && i+3 < len(s) && hexdigit.Is(s[i+2]) && hexdigit.Is(s[i+3]):
			b = append(b, hexByte(s[i+2:]))
			i += 3
		case n >= '0' && n <= '7':
			v, j := octal(s[i+1:])
			b = append(b, v)
			i += j
		default:
			b = append(b, cEscape(n))
			i++
		}
	}
	return string(b)
}

// octal reads up to three octal digits (two when the first is above 3, so
// that the value fits a byte) and returns the byte and digits used.
func octal(s string) (byte, int) {
	max := 3
	if s[0] > '3' {
		max = 2
	}
	v, j := 0, 0
	for j < len(s) && j < max && s[j] >= '0' && s[j] <= '7' {
		v = v*8 + int(s[j]-'0')
		j++
	}
	return byte(v), j
}

// cEscape maps the letter of a C escape to its byte; any other byte stands
// for itself.
func cEscape(c byte) byte {
	switch c {
	case 'a':
		return 7
	case 'b':
		return 8
	case 'f':
		return 12
	case 'n':
		return 10
	case 'r':
		return 13
	case 't':
		return 9
	case 'v':
		return 11
	}
	return c
}
