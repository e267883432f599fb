package operator

// @streq matches when the value equals the argument.
func init() { register("streq", stringOp(func(v, a string) bool { return v == a })) }
