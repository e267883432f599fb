package transform

import "strings"

func init() { register("removeComments", removeComments) }

// removeComments deletes /* ... */ and <!-- ... --> comments; "--" and '#'
// end the value (they become one space). An unterminated comment becomes
// one space.
func removeComments(s string) string {
	if !strings.ContainsAny(s, "/<-#") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		rest := s[i:]
		var close string
		switch {
		case strings.HasPrefix(rest, "/*"):
			close = "*/"
		case strings.HasPrefix(rest, "<!--"):
			close = "-->"
		case strings.HasPrefix(rest, "--") || rest[0] == '#':
			return string(append(b, ' '))
		default:
			b = append(b, rest[0])
			i++
			continue
		}
		end := strings.Index(rest[2:], close)
		if end < 0 {
			return string(append(b, ' '))
		}
		i += 2 + end + len(close)
	}
	if string(b) == s {
		return s
	}
	return string(b)
}
