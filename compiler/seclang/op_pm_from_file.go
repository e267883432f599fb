package seclang

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func init() { registerOp("pmFromFile", phrasesFromFile) }

func phrasesFromFile(o *ir.SecOperator, file string) error {
	lines, err := dataFiles(o.Arg, file)
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		return fmt.Errorf("no phrases in %s: %w", o.Arg, diag.ErrBadValue)
	}
	o.Phrases = lines
	return nil
}
