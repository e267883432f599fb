package operator

// @lt matches when value < argument, as numbers.
func init() { register("lt", numericOp(func(v, a int64) bool { return v < a })) }
