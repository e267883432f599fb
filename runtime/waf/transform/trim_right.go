package transform

import "strings"

// trimRight removes trailing white space.
func init() { register("trimRight", func(s string) string { return strings.TrimRight(s, spaces) }) }
