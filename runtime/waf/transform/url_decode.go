package transform

import (
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() { register("urlDecode", urlDecode) }

// urlDecode decodes %XX and '+'; a '%' not followed by two hexadecimal
// digits is kept as is.
func urlDecode(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && hexdigit.Is(s[i+1]) && hexdigit.Is(s[i+2]):
			b = append(b, hexByte(s[i+1:]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}
