package operator

import "unicode/utf8"

// @validateUtf8Encoding matches when the value is not valid UTF-8.
func init() {
	register("validateUtf8Encoding", func(Spec) (Operator, error) {
		return Func(func(_ *Call, v string) bool { return !utf8.ValidString(v) }), nil
	})
}
