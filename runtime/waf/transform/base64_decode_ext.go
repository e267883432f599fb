package transform

// base64DecodeExt decodes the Base64 characters of s, skipping every other
// byte.
func init() {
	register("base64DecodeExt", func(s string) string {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			if isB64(s[i]) {
				b = append(b, s[i])
			}
		}
		return decodeB64(b)
	})
}
