package operator

import "strings"

// @strmatch matches when the argument occurs in the value (ModSecurity searches with Boyer-Moore-Horspool).
func init() { register("strmatch", stringOp(strings.Contains)) }
