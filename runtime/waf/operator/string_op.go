package operator

// stringOp builds an operator comparing the value with its argument (as
// written, or expanded), case-sensitively.
func stringOp(test func(v, a string) bool) Factory {
	return func(s Spec) (Operator, error) {
		return Func(func(c *Call, v string) bool { return test(v, arg(s, c)) }), nil
	}
}
