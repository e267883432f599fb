package transform

import (
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() { register("cssDecode", cssDecode) }

// cssDecode decodes CSS 2.1 escapes: a backslash and one to six hexadecimal
// digits (the last two give the byte; full-width ASCII becomes ASCII) and
// one optional white space after them, a backslash before a newline (both
// removed), and a backslash before any other byte (which stays).
func cssDecode(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b = append(b, s[i])
			continue
		}
		if i+1 == len(s) {
			break
		}
		j := 0
		for j < 6 && i+1+j < len(s) && hexdigit.Is(s[i+1+j]) {
			j++
		}
		switch {
		case j > 0:
			b = append(b, cssHex(s[i+1:i+1+j]))
			i += j
			if i+1 < len(s) && isSpace(s[i+1]) {
				i++
			}
		case s[i+1] == '\n':
			i++
		default:
			b = append(b, s[i+1])
			i++
		}
	}
	return string(b)
}

// cssHex decodes one to six hexadecimal digits to a byte.
func cssHex(h string) byte {
	if len(h) == 1 {
		return byte(hexdigit.Int(h[0]))
	}
	v := hexByte(h[len(h)-2:])
	wide := len(h) == 4 || len(h) == 5 && h[0] == '0' || len(h) == 6 && h[0] == '0' && h[1] == '0'
	if wide && v > 0 && v < 0x5f && (h[len(h)-3]|0x20) == 'f' && (h[len(h)-4]|0x20) == 'f' {
		v += 0x20
	}
	return v
}
