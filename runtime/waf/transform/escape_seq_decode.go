package transform

import (
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() { register("escapeSeqDecode", escapeSeqDecode) }

// escapeSeqDecode decodes ANSI C escapes: \a \b \f \n \r \t \v \\ \? \' \",
// \xHH, and octal \O to \OOO (the low byte of the value). A backslash
// before any other byte is dropped, except before an 'x' without two
// hexadecimal digits, which stays as written.
func escapeSeqDecode(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b = append(b, s[i])
			continue
		}
		switch n := s[i+1]; {
		case n == 'x' && i+3 < len(s) && hexdigit.Is(s[i+2]) && hexdigit.Is(s[i+3]):
			b = append(b, hexByte(s[i+2:]))
			i += 3
		case n == 'x':
			b = append(b, '\\')
		case n >= '0' && n <= '7':
			v, j := 0, 1
			for ; j <= 3 && i+j < len(s) && s[i+j] >= '0' && s[i+j] <= '7'; j++ {
				v = v*8 + int(s[i+j]-'0')
			}
			b = append(b, byte(v))
			i += j - 1
		default:
			b = append(b, cEscape(n))
			i++
		}
	}
	return string(b)
}
