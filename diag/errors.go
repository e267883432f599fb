package diag

import "errors"

// Sentinel errors. Diagnostics wrap one of these so callers can classify
// them with errors.Is.
var (
	ErrSyntax       = errors.New("syntax error")
	ErrUnsupported  = errors.New("unsupported")
	ErrUnknownVar   = errors.New("unknown variable")
	ErrDuplicateSID = errors.New("duplicate sid")
	ErrBadRange     = errors.New("bad range")
	ErrConflict     = errors.New("contradictory modifiers")
	ErrBadValue     = errors.New("bad value")
	ErrMissing      = errors.New("missing required option")
	ErrLimit        = errors.New("limit exceeded")
	// ErrWarning marks a finding that leaves the rule as it compiles, the
	// way Suricata takes it: reported, never counted as an error.
	ErrWarning = errors.New("warning")
)
