package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

var phaseNames = map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "request": 2, "response": 4, "logging": 5}

func init() {
	registerAction("phase", valueRequired, func(b *builder, a *syntax.Action) error {
		p, ok := phaseNames[strings.ToLower(a.Value)]
		if !ok {
			return fmt.Errorf("%q is not a phase (1..5, request, response, logging): %w", a.Value, diag.ErrBadValue)
		}
		b.rule.Sec.Phase = p
		return nil
	})
}
