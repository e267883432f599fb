package seclang

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// Result is the outcome of compiling a set of SecLang directives.
type Result struct {
	Rules  []*ir.Rule // in definition order; rules with diagnostics are left out
	Diags  *diag.List
	Tally  diag.Tally // one count per SecRule chain, SecAction or failed directive
	Config Config
}

// Config holds the engine settings, by directive name as registered, with
// the last value set.
type Config struct {
	Settings map[string]string
}
