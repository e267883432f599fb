package hexdigit

// Value returns the value of an ASCII hexadecimal digit.
func Value(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Is reports whether c is an ASCII hexadecimal digit.
func Is(c byte) bool {
	_, ok := Value(c)
	return ok
}

// Int returns the value of a hexadecimal digit, or -1.
func Int(c byte) int {
	if v, ok := Value(c); ok {
		return int(v)
	}
	return -1
}
