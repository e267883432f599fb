package operator

import "strings"

// @endsWith matches when the value ends with the argument.
func init() { register("endsWith", stringOp(strings.HasSuffix)) }
