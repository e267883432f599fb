package transform

import "strconv"

// length replaces the value with its length in bytes.
func init() { register("length", func(s string) string { return strconv.Itoa(len(s)) }) }
