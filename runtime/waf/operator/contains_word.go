package operator

import "strings"

func init() {
	register("containsWord", func(s Spec) (Operator, error) {
		return Func(func(c *Call, v string) bool { return containsWord(v, arg(s, c)) }), nil
	})
}

// containsWord reports whether w occurs in v with no word character
// (letter, digit, '_') right before or after it.
func containsWord(v, w string) bool {
	if w == "" {
		return true
	}
	for from := 0; from <= len(v)-len(w); {
		i := strings.Index(v[from:], w)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(w)
		if (i == 0 || !isWord(v[i-1])) && (end == len(v) || !isWord(v[end])) {
			return true
		}
		from = i + 1
	}
	return false
}

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
