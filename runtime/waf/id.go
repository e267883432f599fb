package waf

import "math/rand/v2"

// newID returns a UNIQUE_ID: 20 random hexadecimal digits.
func newID() string {
	const digits = "0123456789abcdef"
	var b [20]byte
	r := rand.Uint64()
	s := rand.Uint64()
	for i := range b {
		if i < 16 {
			b[i] = digits[r&15]
			r >>= 4
		} else {
			b[i] = digits[s&15]
			s >>= 4
		}
	}
	return string(b[:])
}
