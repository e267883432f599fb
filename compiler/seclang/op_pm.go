package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func init() { registerOp("pm", phrases) }

func phrases(o *ir.SecOperator, _ string) error {
	o.Phrases = strings.Fields(o.Arg)
	if len(o.Phrases) == 0 {
		return fmt.Errorf("no phrases: %w", diag.ErrMissing)
	}
	return nil
}
