package operator

// @ge matches when value >= argument, as numbers.
func init() { register("ge", numericOp(func(v, a int64) bool { return v >= a })) }
