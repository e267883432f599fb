package transform

// parityOdd7bit sets each byte's high bit for odd parity.
func init() { register("parityOdd7bit", func(s string) string { return parity(s, 1) }) }
