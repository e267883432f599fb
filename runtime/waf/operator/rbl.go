package operator

// @rbl never matches: the engine makes no DNS queries.
func init() {
	register("rbl", func(Spec) (Operator, error) {
		return Func(func(*Call, string) bool { return false }), nil
	})
}
