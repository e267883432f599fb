package transform

func init() { register("compressWhitespace", compressWhitespace) }

// compressWhitespace turns every run of white space (and non-breaking
// space, 0xa0) into one space.
func compressWhitespace(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c == 0xa0 || isSpace(c) && (c != ' ' || i+1 < len(s) && isWide(s[i+1])) {
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := append(make([]byte, 0, len(s)), s[:i]...)
	space := false
	for ; i < len(s); i++ {
		if isWide(s[i]) {
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		}
		space = false
		b = append(b, s[i])
	}
	return string(b)
}

func isWide(c byte) bool { return isSpace(c) || c == 0xa0 }
