package match

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotSuricata reports a rule in another language.
var ErrNotSuricata = errors.New("not a Suricata rule")

// RuleError is why one rule was left out.
type RuleError struct {
	Index int // into the rules given to Compile
	SID   uint64
	Err   error
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("rule %d (sid %d): %v", e.Index, e.SID, e.Err)
}

func (e *RuleError) Unwrap() error { return e.Err }

// RejectedError lists the rules Compile left out.
type RejectedError struct {
	Rules []*RuleError
}

func (e *RejectedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d rules cannot be evaluated", len(e.Rules))
	for i, r := range e.Rules {
		if i == 3 {
			fmt.Fprintf(&b, "; ...")
			break
		}
		fmt.Fprintf(&b, "; %v", r)
	}
	return b.String()
}

func (e *RejectedError) Unwrap() []error {
	errs := make([]error, len(e.Rules))
	for i, r := range e.Rules {
		errs[i] = r
	}
	return errs
}
