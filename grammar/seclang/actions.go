package seclang

import (
	"strings"

	"github.com/rulec/rulec/diag"
)

// parseActions parses a comma-separated action list. A value that starts
// with a single quote runs to the matching unescaped quote, so it may hold
// commas and white space; any other value ends at a comma or white space.
func parseActions(l *logical, t *token) ([]Action, *diag.Diagnostic) {
	v := t.Value
	at := func(i int) diag.Pos { return l.pos(t.off(i)) }
	if skipSpace(v, 0) == len(v) {
		return nil, nil
	}
	acts := make([]Action, 0, strings.Count(v, ",")+1)
	i := 0
	for {
		i = skipSpace(v, i)
		start := i
		for i < len(v) && isNameByte(v[i]) {
			i++
		}
		if i == start {
			if i >= len(v) || v[i] == ',' {
				return nil, diag.Errorf(at(start), diag.ErrSyntax, "empty action")
			}
			return nil, diag.Errorf(at(start), diag.ErrSyntax, "unexpected %q in action name", v[i])
		}
		a := Action{Pos: at(start), Name: v[start:i]}
		i = skipSpace(v, i)
		if i < len(v) && v[i] == ':' {
			a.HasValue = true
			i = skipSpace(v, i+1)
			a.ValuePos = at(i)
			if i < len(v) && v[i] == '\'' {
				val, end, ok := singleQuoted(v, i)
				if !ok {
					return nil, diag.Errorf(a.ValuePos, diag.ErrSyntax, "unterminated quoted value of %s", a.Name)
				}
				a.Value, a.Quoted, i = val, true, skipSpace(v, end)
			} else {
				end := i
				for end < len(v) && v[end] != ',' && !isSpace(v[end]) {
					end++
				}
				a.Value, i = v[i:end], skipSpace(v, end)
			}
		}
		acts = append(acts, a)
		if i >= len(v) {
			return acts, nil
		}
		if v[i] != ',' {
			return nil, diag.Errorf(at(i), diag.ErrSyntax, "expected a comma after action %s, found %q", a.Name, v[i])
		}
		i++
	}
}

// singleQuoted reads the quoted value opening at v[at], undoing \' and \\,
// and returns the offset past the closing quote.
func singleQuoted(v string, at int) (string, int, bool) {
	var b strings.Builder
	run := at + 1
	for i := at + 1; i < len(v); i++ {
		switch v[i] {
		case '\'':
			if run == at+1 {
				return v[run:i], i + 1, true
			}
			b.WriteString(v[run:i])
			return b.String(), i + 1, true
		case '\\':
			if i+1 < len(v) && (v[i+1] == '\'' || v[i+1] == '\\') {
				b.WriteString(v[run:i])
				run = i + 1
				i++
			}
		}
	}
	return "", 0, false
}
