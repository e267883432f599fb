package transform

import (
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() { register("sqlHexDecode", sqlHexDecode) }

// sqlHexDecode decodes SQL hexadecimal literals, 0xHHHH..., into their
// bytes; an odd last digit is dropped.
func sqlHexDecode(s string) string {
	if !strings.Contains(s, "0x") && !strings.Contains(s, "0X") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '0' && i+3 < len(s) && (s[i+1]|0x20) == 'x' && hexdigit.Is(s[i+2]) && hexdigit.Is(s[i+3]) {
			j := i + 2
			for j+1 < len(s) && hexdigit.Is(s[j]) && hexdigit.Is(s[j+1]) {
				b = append(b, hexByte(s[j:]))
				j += 2
			}
			for j < len(s) && hexdigit.Is(s[j]) {
				j++
			}
			i = j - 1
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}
