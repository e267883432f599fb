package engine

import "errors"

var (
	// ErrActionOrder is a bad action-order: it lists pass, drop, reject
	// and alert, each once.
	ErrActionOrder = errors.New("bad action-order, want pass, drop, reject and alert, each once")
)
