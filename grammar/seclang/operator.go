package seclang

import "github.com/rulec/rulec/diag"

// parseOperator parses [!]@name [argument], or [!]argument, which means
// @rx argument.
func parseOperator(l *logical, t *token) (*Operator, *diag.Diagnostic) {
	v := t.Value
	at := func(i int) diag.Pos { return l.pos(t.off(i)) }
	i := skipSpace(v, 0)
	op := &Operator{Pos: at(i)}
	if i < len(v) && v[i] == '!' {
		op.Negated = true
		i = skipSpace(v, i+1)
	}
	if i >= len(v) {
		return nil, diag.Errorf(op.Pos, diag.ErrSyntax, "empty operator")
	}
	if v[i] != '@' {
		op.Name, op.Implicit = "rx", true
		op.Arg, op.ArgPos = v[i:], at(i)
		return op, nil
	}
	start := i + 1
	i = start
	for i < len(v) && isNameByte(v[i]) {
		i++
	}
	if i == start || i < len(v) && !isSpace(v[i]) {
		return nil, diag.Errorf(at(start-1), diag.ErrSyntax, "bad operator name")
	}
	op.Name = v[start:i]
	i = skipSpace(v, i)
	op.Arg, op.ArgPos = v[i:], at(i)
	return op, nil
}
