package transform

func init() { register("cmdLine", cmdLine) }

// cmdLine normalises a command line as ModSecurity does: it deletes \ " '
// and ^, turns runs of white space, ',' and ';' into one space, drops a
// space before '/' and '(', and lower-cases the rest.
func cmdLine(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\'' || c == '\\' || c == '^':
		case isSpace(c) || c == ',' || c == ';':
			if !space {
				b = append(b, ' ')
				space = true
			}
		case c == '/' || c == '(':
			if space {
				b = b[:len(b)-1]
			}
			space = false
			b = append(b, c)
		default:
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			space = false
			b = append(b, c)
		}
	}
	if string(b) == s {
		return s
	}
	return string(b)
}
