package operator

import libinjection "github.com/corazawaf/libinjection-go"

// @detectXSS runs libinjection's cross-site scripting test.
func init() {
	register("detectXSS", func(Spec) (Operator, error) {
		return Func(func(_ *Call, v string) bool { return libinjection.IsXSS(v) }), nil
	})
}
