package main

import (
	"errors"
	"io"
	"os"
	"time"

	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/internal/verify"
	"github.com/rulec/rulec/runtime/eve"
)

// engineRecords writes the rule diagnostics as EVE engine records when
// the test's suricata.yaml sends the engine log into the EVE file, as
// Suricata logs its rule-load errors and warnings there: each with
// Suricata's message when rulec knows it, else rulec's.
func engineRecords(t *verify.Test, w io.Writer, diags *diag.List) error {
	if t.Vars == "" || diags.Len() == 0 {
		return nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return err
	}
	on, err := eve.EngineLogInEVE(data)
	if err != nil || !on {
		return err
	}
	out := eve.NewWriter(w)
	now := time.Now().UTC()
	for _, d := range diags.Items {
		level := "Error"
		if errors.Is(d, diag.ErrWarning) {
			level = "Warning"
		}
		msg := diag.EngineMessage(d.Err)
		if msg == "" {
			msg = d.Error()
		}
		if err := out.Write(eve.EngineEvent(now, level, "detect", msg)); err != nil {
			return err
		}
	}
	return out.Flush()
}
