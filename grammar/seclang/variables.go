package seclang

import (
	"strings"

	"github.com/rulec/rulec/diag"
)

// parseVars parses a variable list: items separated by '|', each
// [!][&]NAME[:key], where key is /regex/, 'quoted' or plain text.
func parseVars(l *logical, t *token) ([]Variable, *diag.Diagnostic) {
	v := t.Value
	at := func(i int) diag.Pos { return l.pos(t.off(i)) }
	vars := make([]Variable, 0, strings.Count(v, "|")+1)
	i := 0
	for {
		i = skipSpace(v, i)
		if i >= len(v) {
			return nil, diag.Errorf(at(i), diag.ErrSyntax, "missing variable")
		}
		x := Variable{Pos: at(i)}
		if v[i] == '!' {
			x.Exclude = true
			i++
		}
		if i < len(v) && v[i] == '&' {
			x.Count = true
			i++
		}
		start := i
		for i < len(v) && isNameByte(v[i]) {
			i++
		}
		if i == start {
			return nil, diag.Errorf(at(start), diag.ErrSyntax, "expected a variable name")
		}
		x.Name = v[start:i]
		if i < len(v) && v[i] == ':' {
			var err *diag.Diagnostic
			if i, err = parseKey(v, i+1, &x, at); err != nil {
				return nil, err
			}
		}
		vars = append(vars, x)
		i = skipSpace(v, i)
		if i >= len(v) {
			return vars, nil
		}
		if v[i] != '|' {
			return nil, diag.Errorf(at(i), diag.ErrSyntax, "unexpected %q in variable list", v[i])
		}
		i++
	}
}

// parseKey reads the key that starts at v[i], after the colon, and returns
// the offset just past it.
func parseKey(v string, i int, x *Variable, at func(int) diag.Pos) (int, *diag.Diagnostic) {
	i = skipSpace(v, i)
	if i < len(v) && v[i] == '\'' {
		end := i + 1
		for end < len(v) && v[end] != '\'' {
			end++
		}
		if end >= len(v) {
			return 0, diag.Errorf(at(i), diag.ErrSyntax, "unterminated quoted key")
		}
		if end == i+1 {
			return 0, diag.Errorf(at(i), diag.ErrSyntax, "empty key")
		}
		x.KeyKind, x.Key = KeyQuoted, v[i+1:end]
		return end + 1, nil
	}
	if i < len(v) && v[i] == '/' {
		if end := regexEnd(v, i); end > 0 {
			x.KeyKind, x.Key = KeyRegex, v[i+1:end]
			return end + 1, nil
		}
	}
	end := i
	for end < len(v) && v[end] != '|' {
		end++
	}
	key := trimSpaceRight(v[i:end])
	if key == "" {
		return 0, diag.Errorf(at(i), diag.ErrSyntax, "empty key after %s:", x.Name)
	}
	x.KeyKind, x.Key = KeyName, key
	return i + len(key), nil
}

// regexEnd returns the offset of the slash closing the regex key that opens
// at v[i]: the first unescaped slash, after a non-empty body, that is
// followed by the end of the item. It returns 0 when there is none, so that
// keys like XML:/* and XML://@* read as plain text.
func regexEnd(v string, i int) int {
	for j := i + 1; j < len(v); j++ {
		switch v[j] {
		case '\\':
			j++
		case '/':
			if j == i+1 {
				continue
			}
			if k := skipSpace(v, j+1); k >= len(v) || v[k] == '|' {
				return j
			}
		}
	}
	return 0
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func trimSpaceRight(s string) string {
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}
