package operator

import (
	"fmt"
	"strings"
)

// numericOp builds a comparison of the value with the argument, both read
// as C's atoi does.
func numericOp(test func(v, a int64) bool) Factory {
	return func(s Spec) (Operator, error) {
		if s.Dynamic {
			return Func(func(c *Call, v string) bool { return test(Atoi(v), Atoi(c.Arg)) }), nil
		}
		if strings.TrimSpace(s.Arg) == "" {
			return nil, fmt.Errorf("missing number: %w", ErrArg)
		}
		a := Atoi(s.Arg)
		return Func(func(_ *Call, v string) bool { return test(Atoi(v), a) }), nil
	}
}

// Atoi reads a number as C's atoi does: leading white space, a sign,
// digits; anything else ends the number, and no digits at all is 0.
func Atoi(s string) int64 {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var n int64
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int64(s[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}
