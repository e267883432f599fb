package operator

// @eq matches when value == argument, as numbers.
func init() { register("eq", numericOp(func(v, a int64) bool { return v == a })) }
