package transform

func init() { register("urlEncode", urlEncode) }

// urlEncode percent-encodes every byte but ASCII letters, digits and '*';
// a space becomes '+'.
func urlEncode(s string) string {
	i := 0
	for i < len(s) && urlSafe(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	const digits = "0123456789abcdef"
	b := append(make([]byte, 0, len(s)+8), s[:i]...)
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case urlSafe(c):
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', digits[c>>4], digits[c&15])
		}
	}
	return string(b)
}

func urlSafe(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '*'
}
