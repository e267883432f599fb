package transform

// unhex returns the value of a hexadecimal digit, or -1.
func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isHex(c byte) bool { return unhex(c) >= 0 }

// hexByte decodes the two hexadecimal digits at s[0:2]; the caller checked
// them.
func hexByte(s string) byte { return byte(unhex(s[0])<<4 | unhex(s[1])) }

// isSpace reports the bytes C's isspace accepts.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
