package transform

import "strings"

func init() { register("replaceComments", replaceComments) }

// replaceComments replaces every C comment /* ... */ with one space; an
// unterminated comment runs to the end.
func replaceComments(s string) string {
	if !strings.Contains(s, "/*") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if !strings.HasPrefix(s[i:], "/*") {
			b = append(b, s[i])
			i++
			continue
		}
		end := strings.Index(s[i+2:], "*/")
		b = append(b, ' ')
		if end < 0 {
			break
		}
		i += 2 + end + 2
	}
	return string(b)
}
