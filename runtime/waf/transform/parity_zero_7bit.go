package transform

// parityZero7bit clears each byte's high bit.
func init() {
	register("parityZero7bit", func(s string) string {
		b := []byte(s)
		for i := range b {
			b[i] &= 0x7f
		}
		return string(b)
	})
}
