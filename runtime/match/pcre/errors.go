package pcre

import "errors"

// Errors of Compile, wrapped with detail.
var (
	ErrUnsupported = errors.New("unsupported pcre construct") // neither engine runs it
	ErrSyntax      = errors.New("pcre syntax error")
	ErrFlag        = errors.New("unknown pcre flag")
)
