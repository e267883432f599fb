package diag

import (
	"errors"
	"fmt"
)

// Diagnostic is one positioned finding about one rule. SID is 0 when the
// rule's id is not known (for instance when the rule does not parse).
type Diagnostic struct {
	Pos Pos
	SID uint64
	Err error
}

func (d *Diagnostic) Error() string {
	if d.SID != 0 {
		return fmt.Sprintf("%s: sid %d: %v", d.Pos, d.SID, d.Err)
	}
	return fmt.Sprintf("%s: %v", d.Pos, d.Err)
}

func (d *Diagnostic) Unwrap() error { return d.Err }

// Unsupported reports whether the diagnostic says a construct is valid but
// not supported, rather than wrong.
func (d *Diagnostic) Unsupported() bool { return errors.Is(d.Err, ErrUnsupported) }

// Warning reports whether the diagnostic leaves its rule compiled.
func (d *Diagnostic) Warning() bool { return errors.Is(d.Err, ErrWarning) }

// Warn wraps err as a warning: the rule compiles as Suricata takes it.
func Warn(err error) error { return fmt.Errorf("%w: %w", ErrWarning, err) }

// Failed reports whether any of ds keeps its rule out of the rule set.
func Failed(ds []*Diagnostic) bool {
	for _, d := range ds {
		if !d.Warning() {
			return true
		}
	}
	return false
}

// Errorf builds a diagnostic whose message wraps sentinel with %w.
func Errorf(pos Pos, sentinel error, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), sentinel)}
}

// Unsupportedf builds the diagnostic for a keyword or construct rulec cannot
// represent faithfully.
func Unsupportedf(pos Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Err: fmt.Errorf("%s %w", fmt.Sprintf(format, args...), ErrUnsupported)}
}

// Tally counts rules by outcome: compiled, failed with an error, or left
// out because they use something unsupported; and the warnings, which
// leave their rules compiled.
type Tally struct {
	Rules       int
	Errors      int
	Unsupported int
	Warnings    int
}

// Add counts one rule from its diagnostics: an error wins over unsupported.
func (t *Tally) Add(ds []*Diagnostic) {
	t.Rules++
	unsupported := false
	for _, d := range ds {
		if d.Warning() {
			t.Warnings++
			continue
		}
		if !d.Unsupported() {
			t.Errors++
			return
		}
		unsupported = true
	}
	if unsupported {
		t.Unsupported++
	}
}

// Merge adds o's counts.
func (t *Tally) Merge(o Tally) {
	t.Rules += o.Rules
	t.Errors += o.Errors
	t.Unsupported += o.Unsupported
	t.Warnings += o.Warnings
}
