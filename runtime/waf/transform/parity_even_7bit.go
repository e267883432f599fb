package transform

// parityEven7bit sets each byte's high bit for even parity.
func init() { register("parityEven7bit", func(s string) string { return parity(s, 0) }) }
