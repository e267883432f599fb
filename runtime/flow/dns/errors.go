package dns

import "errors"

var (
	errHeader  = errors.New("header invalid for the message's length")
	errShort   = errors.New("message too short")
	errPointer = errors.New("bad name pointer")
	errLabel   = errors.New("bad label")
)
