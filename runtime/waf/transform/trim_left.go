package transform

import "strings"

// trimLeft removes leading white space.
func init() { register("trimLeft", func(s string) string { return strings.TrimLeft(s, spaces) }) }
