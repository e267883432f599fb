package operator

import "strings"

// @beginsWith matches when the value starts with the argument.
func init() { register("beginsWith", stringOp(strings.HasPrefix)) }
