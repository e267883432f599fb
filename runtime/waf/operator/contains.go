package operator

import "strings"

// @contains matches when the argument occurs in the value.
func init() { register("contains", stringOp(strings.Contains)) }
