package diag

import (
	"errors"
	"fmt"
)

// EngineError is a refusal Suricata's engine log also reports: Message
// is the text Suricata logs for it (its EVE engine record's message).
type EngineError struct {
	Message string
	Err     error
}

func (e *EngineError) Error() string { return e.Message + ": " + e.Err.Error() }
func (e *EngineError) Unwrap() error { return e.Err }

// Engine returns an error wrapping sentinel whose engine message is
// Suricata's, formatted.
func Engine(sentinel error, format string, args ...any) error {
	return &EngineError{Message: fmt.Sprintf(format, args...), Err: sentinel}
}

// EngineMessage returns the message Suricata's engine log gives err, or
// "" when err carries none.
func EngineMessage(err error) string {
	if e, ok := errors.AsType[*EngineError](err); ok {
		return e.Message
	}
	return ""
}
