package verify

import "errors"

var (
	// ErrBadVersion is a requires: version that is not N[.N[.N]].
	ErrBadVersion = errors.New("bad version")
	// ErrBadTest is a test.yaml the runner cannot use.
	ErrBadTest = errors.New("bad test")
)
