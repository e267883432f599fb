package transform

import (
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() { register("urlDecodeUni", urlDecodeUni) }

// urlDecodeUni is urlDecode that also reads IIS's %uHHHH: a code point
// with an ASCII best fit (see bestFit) becomes that character, any other
// its low byte, as ModSecurity does with its recommended unicode map
// (code page 20127).
func urlDecodeUni(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, ' ')
		case c != '%':
			b = append(b, c)
		case i+5 < len(s) && (s[i+1] == 'u' || s[i+1] == 'U') && hexdigit.Is(s[i+2]) && hexdigit.Is(s[i+3]) && hexdigit.Is(s[i+4]) && hexdigit.Is(s[i+5]):
			b = append(b, bestFitByte(s[i+2:i+6]))
			i += 5
		case i+2 < len(s) && hexdigit.Is(s[i+1]) && hexdigit.Is(s[i+2]):
			b = append(b, hexByte(s[i+1:]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// wideByte maps four hexadecimal digits (checked) to one byte: full-width
// ASCII to ASCII, anything else to its low byte. jsDecode uses it for
// \uHHHH, which ModSecurity decodes without the unicode map.
func wideByte(h string) byte {
	code := hex4(h)
	if code >= 0xff01 && code <= 0xff5e {
		return byte(code - 0xff00 + 0x20)
	}
	return byte(code)
}

func hex4(h string) rune {
	return rune(hexdigit.Int(h[0])<<12 | hexdigit.Int(h[1])<<8 | hexdigit.Int(h[2])<<4 | hexdigit.Int(h[3]))
}

// bestFitByte maps four hexadecimal digits (checked) to a byte through the
// best-fit table.
func bestFitByte(h string) byte {
	if c, ok := bestFit[hex4(h)]; ok {
		return c
	}
	return wideByte(h)
}
