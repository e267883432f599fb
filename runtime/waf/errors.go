package waf

import "errors"

// ErrUnsupported reports a compiled rule that uses something this engine
// does not run.
var ErrUnsupported = errors.New("unsupported by the WAF engine")
