package operator

import "strings"

// @within matches when the value occurs in the argument (a plain substring
// search, as ModSecurity's; CRS writes its lists with separators).
func init() {
	register("within", stringOp(func(v, a string) bool { return strings.Contains(a, v) }))
}
