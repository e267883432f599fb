package transform

import "math/bits"

// parity sets each byte's high bit so that its number of set bits has the
// given parity (0 even, 1 odd).
func parity(s string, odd int) string {
	b := []byte(s)
	for i, c := range b {
		c &= 0x7f
		if bits.OnesCount8(c)%2 != odd {
			c |= 0x80
		}
		b[i] = c
	}
	return string(b)
}
