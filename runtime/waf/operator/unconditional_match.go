package operator

// @unconditionalMatch always matches.
func init() {
	register("unconditionalMatch", func(Spec) (Operator, error) {
		return Func(func(*Call, string) bool { return true }), nil
	})
}
