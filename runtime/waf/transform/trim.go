package transform

import "strings"

// spaces are the bytes C's isspace accepts.
const spaces = " \t\n\r\f\v"

// trim removes white space at both ends.
func init() { register("trim", func(s string) string { return strings.Trim(s, spaces) }) }
