package transform

import "encoding/hex"

// hexDecode decodes pairs of hexadecimal digits; a value that is not an
// even run of them stays as it is.
func init() {
	register("hexDecode", func(s string) string {
		b, err := hex.DecodeString(s)
		if err != nil {
			return s
		}
		return string(b)
	})
}
