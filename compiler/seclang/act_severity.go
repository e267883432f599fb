package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

var severities = []string{"EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"}

// severityPriority maps severity levels 0..7 onto priorities 1..4.
var severityPriority = [8]int{1, 1, 1, 2, 3, 4, 4, 4}

func init() {
	registerAction("severity", valueRequired, func(b *builder, a *syntax.Action) error {
		for i, s := range severities {
			if strings.EqualFold(a.Value, s) || a.Value == fmt.Sprint(i) {
				b.rule.Meta.Priority = severityPriority[i]
				b.addMeta("severity", s)
				return nil
			}
		}
		return fmt.Errorf("%q is not a severity (0..7 or %s): %w", a.Value, strings.Join(severities, ", "), diag.ErrBadValue)
	})
}
