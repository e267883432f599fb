package reasm

import "errors"

var (
	// ErrPolicy is an unknown host-os-policy name.
	ErrPolicy = errors.New("unknown host OS policy")
)
