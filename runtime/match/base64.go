package match

// base64Value maps a byte of the base64 alphabet to its value, others to
// 0xff.
var base64Value = func() [256]byte {
	var t [256]byte
	for i := range t {
		t[i] = 0xff
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range len(alphabet) {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// decodeBase64 decodes the longest prefix of src made of the base64
// alphabet (RFC 4648), stopping at padding or at any other byte; a final
// partial group of two or three characters yields its whole bytes.
func decodeBase64(src []byte) []byte {
	out := make([]byte, 0, len(src)*3/4+2)
	var acc uint32
	n := 0
	for _, c := range src {
		v := base64Value[c]
		if v == 0xff {
			break
		}
		acc = acc<<6 | uint32(v)
		n++
		if n == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	switch n {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	return out
}
