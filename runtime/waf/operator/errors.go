package operator

import "errors"

var (
	// ErrUnknown reports an operator name nothing registered.
	ErrUnknown = errors.New("unknown operator")
	// ErrArg reports an argument the operator cannot use.
	ErrArg = errors.New("bad operator argument")
)
