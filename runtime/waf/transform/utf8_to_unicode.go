package transform

import (
	"strconv"
	"unicode/utf8"
)

func init() { register("utf8toUnicode", utf8toUnicode) }

// utf8toUnicode writes every multi-byte UTF-8 sequence as %uHHHH (lower-case
// hexadecimal, at least four digits); ASCII and bytes that are not valid
// UTF-8 stay as they are.
func utf8toUnicode(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	b := append(make([]byte, 0, len(s)+16), s[:i]...)
	changed := false
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			b = append(b, s[i])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			b = append(b, s[i])
			i++
			continue
		}
		b = append(b, '%', 'u')
		h := strconv.FormatInt(int64(r), 16)
		for k := len(h); k < 4; k++ {
			b = append(b, '0')
		}
		b = append(b, h...)
		i += n
		changed = true
	}
	if !changed {
		return s
	}
	return string(b)
}
