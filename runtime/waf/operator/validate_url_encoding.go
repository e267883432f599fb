package operator

// @validateUrlEncoding matches when a '%' does not start a %XX escape.
func init() {
	register("validateUrlEncoding", func(Spec) (Operator, error) {
		return Func(func(_ *Call, v string) bool { return !validURLEncoding(v) }), nil
	})
}

func validURLEncoding(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] != '%' {
			continue
		}
		if i+2 >= len(v) || !isHexDigit(v[i+1]) || !isHexDigit(v[i+2]) {
			return false
		}
		i += 2
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
