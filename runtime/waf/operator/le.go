package operator

// @le matches when value <= argument, as numbers.
func init() { register("le", numericOp(func(v, a int64) bool { return v <= a })) }
