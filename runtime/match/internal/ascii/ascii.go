package ascii

// Lower returns c with A-Z folded to a-z.
func Lower(c byte) byte {
	if c-'A' < 26 {
		return c + 'a' - 'A'
	}
	return c
}

// EqualFold reports whether a and b are equal without regard to ASCII case.
func EqualFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i, c := range a {
		if c != b[i] && Lower(c) != Lower(b[i]) {
			return false
		}
	}
	return true
}

// IndexFold returns the index of the first occurrence of pat in s without
// regard to ASCII case, or -1. pat must already be lower-case.
func IndexFold(s, pat []byte) int {
	n := len(pat)
	if n == 0 {
		return 0
	}
	first := pat[0]
	for i := 0; i+n <= len(s); i++ {
		if Lower(s[i]) != first {
			continue
		}
		if EqualFold(s[i+1:i+n], pat[1:]) {
			return i
		}
	}
	return -1
}

// ToLower returns a copy of b with A-Z folded to a-z.
func ToLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = Lower(c)
	}
	return out
}

// ToUpper returns a copy of b with a-z folded to A-Z.
func ToUpper(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c-'a' < 26 {
			c -= 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
