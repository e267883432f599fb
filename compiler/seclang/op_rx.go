package seclang

import (
	"fmt"
	"regexp"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func init() { registerOp("rx", checkRegex) }

// checkRegex requires the pattern to compile with RE2 semantics. A pattern
// holding a macro is only known at run time.
func checkRegex(o *ir.SecOperator, _ string) error {
	if hasMacro(o.Arg) {
		return nil
	}
	if _, err := regexp.Compile(o.Arg); err != nil {
		return fmt.Errorf("not RE2 (%v): %w", err, diag.ErrUnsupported)
	}
	return nil
}
