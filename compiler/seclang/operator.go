package seclang

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// opCheck validates an operator's argument and fills in what it derives
// from it. file is the rule's file, against which data files resolve.
type opCheck func(o *ir.SecOperator, file string) error

var operators = newTable[opCheck]("seclang operator")

func registerOp(name string, check opCheck) { operators.add(name, check) }

// operator lowers a SecRule operator.
func operator(op *syntax.Operator, file string) (ir.SecOperator, *diag.Diagnostic) {
	name, check, ok := operators.lookup(op.Name)
	if !ok {
		return ir.SecOperator{}, &diag.Diagnostic{Pos: op.Pos, Err: fmt.Errorf("operator %q %w", "@"+op.Name, diag.ErrUnsupported)}
	}
	o := ir.SecOperator{Name: name, Arg: op.Arg, Negated: op.Negated}
	err := checkMacros(op.Arg)
	if err == nil {
		err = check(&o, file)
	}
	if err != nil {
		return o, &diag.Diagnostic{Pos: op.ArgPos, Err: fmt.Errorf("operator %q: %w", "@"+name, err)}
	}
	return o, nil
}

func hasMacro(s string) bool { return strings.Contains(s, "%{") }

func anyArg(*ir.SecOperator, string) error { return nil }

func noArg(o *ir.SecOperator, _ string) error {
	if strings.TrimSpace(o.Arg) != "" {
		return fmt.Errorf("takes no argument: %w", diag.ErrBadValue)
	}
	return nil
}

func nonEmptyArg(o *ir.SecOperator, _ string) error {
	if o.Arg == "" {
		return fmt.Errorf("missing argument: %w", diag.ErrMissing)
	}
	return nil
}

// numericArg accepts an integer or a macro.
func numericArg(o *ir.SecOperator, _ string) error {
	a := strings.TrimSpace(o.Arg)
	if hasMacro(a) {
		return nil
	}
	if _, err := strconv.ParseInt(a, 10, 64); err != nil {
		return fmt.Errorf("%q is not an integer: %w", a, diag.ErrBadValue)
	}
	return nil
}
