package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
)

// ParseFile parses the directives of one file without touching the file
// system: Include directives are returned like any other. Directives that
// fail to parse are reported in the list (up to its cap) and left out.
func ParseFile(name string, src []byte) (*File, *diag.List) {
	f := &File{Name: name}
	errs := &diag.List{}
	splitLines(name, string(src), func(l *logical) {
		d, err := parseDirective(l)
		if err != nil {
			errs.Add(err)
			return
		}
		f.Directives = append(f.Directives, d)
	})
	return f, errs
}

// shape says how many arguments a directive takes and which of them have a
// structure of their own; an index of -1 means none.
type shape struct {
	min, max          int
	vars, op, actions int
}

var shapes = map[string]shape{
	"secrule":                  {min: 2, max: 3, vars: 0, op: 1, actions: 2},
	"secaction":                {min: 1, max: 1, vars: -1, op: -1, actions: 0},
	"secdefaultaction":         {min: 1, max: 1, vars: -1, op: -1, actions: 0},
	"secruleupdateactionbyid":  {min: 2, max: 2, vars: -1, op: -1, actions: 1},
	"secruleupdatetargetbyid":  {min: 2, max: 3, vars: 1, op: -1, actions: -1},
	"secruleupdatetargetbytag": {min: 2, max: 3, vars: 1, op: -1, actions: -1},
	"secruleupdatetargetbymsg": {min: 2, max: 3, vars: 1, op: -1, actions: -1},
	"secmarker":                {min: 1, max: 1, vars: -1, op: -1, actions: -1},
	"include":                  {min: 1, max: 1, vars: -1, op: -1, actions: -1},
	"includeoptional":          {min: 1, max: 1, vars: -1, op: -1, actions: -1},
}

func parseDirective(l *logical) (*Directive, *diag.Diagnostic) {
	toks, err := tokenize(l)
	if err != nil {
		return nil, err
	}
	name := toks[0]
	if name.Quoted {
		return nil, diag.Errorf(name.Pos, diag.ErrSyntax, "expected a directive name, found a quoted string")
	}
	d := &Directive{Pos: name.Pos, Name: name.Value}
	toks = toks[1:]
	if len(toks) > 0 {
		d.Args = make([]Arg, len(toks))
		for i := range toks {
			d.Args[i] = toks[i].Arg
		}
	}
	sh, ok := shapes[strings.ToLower(d.Name)]
	if !ok {
		return d, nil
	}
	if len(toks) < sh.min || len(toks) > sh.max {
		return nil, diag.Errorf(d.Pos, diag.ErrSyntax, "%s takes %s, found %d", d.Name, arity(sh), len(toks))
	}
	if sh.vars >= 0 {
		if d.Vars, err = parseVars(l, &toks[sh.vars]); err != nil {
			return nil, err
		}
	}
	if sh.op >= 0 {
		if d.Op, err = parseOperator(l, &toks[sh.op]); err != nil {
			return nil, err
		}
	}
	if sh.actions >= 0 && sh.actions < len(toks) {
		if d.Actions, err = parseActions(l, &toks[sh.actions]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func arity(sh shape) string {
	switch {
	case sh.max == 1:
		return "1 argument"
	case sh.min == sh.max:
		return fmt.Sprintf("%d arguments", sh.min)
	}
	return fmt.Sprintf("%d or %d arguments", sh.min, sh.max)
}
