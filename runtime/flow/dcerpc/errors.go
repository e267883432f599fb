package dcerpc

import "errors"

var (
	// ErrVersion is a PDU header of another version than 5.0 or 5.1.
	ErrVersion = errors.New("dcerpc: not a version 5 PDU")
	// ErrMalformed is a PDU whose length or body does not hold what its
	// type needs.
	ErrMalformed = errors.New("dcerpc: malformed PDU")
)
