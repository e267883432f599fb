package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestEngineMessage(t *testing.T) {
	err := fmt.Errorf("dataset x: %w", Engine(ErrBadValue, "Directory traversals not allowed: %s", "../a"))
	if got := EngineMessage(err); got != "Directory traversals not allowed: ../a" {
		t.Errorf("engine message %q", got)
	}
	if !errors.Is(err, ErrBadValue) || err.Error() != "dataset x: Directory traversals not allowed: ../a: bad value" {
		t.Errorf("error %q", err)
	}
	if got := EngineMessage(fmt.Errorf("x: %w", ErrBadValue)); got != "" {
		t.Errorf("engine message of a plain error: %q", got)
	}
}
