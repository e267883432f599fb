package main

import "errors"

var (
	// errUnknownType is an EVE record type rulec does not write.
	errUnknownType = errors.New("unknown EVE record type")
)
