package transform

func init() { register("removeWhitespace", removeWhitespace) }

// removeWhitespace deletes white space and non-breaking spaces (0xa0).
func removeWhitespace(s string) string {
	i := 0
	for i < len(s) && !isWide(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := append(make([]byte, 0, len(s)), s[:i]...)
	for ; i < len(s); i++ {
		if !isWide(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}
