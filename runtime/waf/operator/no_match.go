package operator

// @noMatch never matches.
func init() {
	register("noMatch", func(Spec) (Operator, error) {
		return Func(func(*Call, string) bool { return false }), nil
	})
}
