package transform

import "encoding/base64"

func init() { register("base64Decode", base64Decode) }

// base64Decode decodes the Base64 characters up to the first byte outside
// the alphabet (padding included); a partial last group gives what it can.
func base64Decode(s string) string {
	n := 0
	for n < len(s) && isB64(s[n]) {
		n++
	}
	return decodeB64([]byte(s[:n]))
}

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}

// decodeB64 decodes alphabet-only input without padding.
func decodeB64(b []byte) string {
	if len(b)%4 == 1 {
		b = b[:len(b)-1]
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(b)))
	n, _ := base64.RawStdEncoding.Decode(out, b)
	return string(out[:n])
}
