package operator

import "github.com/rulec/rulec/internal/hexdigit"

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
		if i+2 >= len(v) || !hexdigit.Is(v[i+1]) || !hexdigit.Is(v[i+2]) {
			return false
		}
		i += 2
	}
	return true
}
