package operator

// @gt matches when value > argument, as numbers.
func init() { register("gt", numericOp(func(v, a int64) bool { return v > a })) }
