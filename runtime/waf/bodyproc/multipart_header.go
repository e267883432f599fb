package bodyproc

import (
	"fmt"
	"strings"
)

// Boundary finds the boundary parameter of a multipart Content-Type,
// raising the flags for a quoted boundary and for white space around it.
func Boundary(contentType string, flag func(string)) (string, error) {
	var param string
	found := 0
	for _, seg := range strings.Split(contentType, ";")[1:] {
		seg = strings.TrimLeft(seg, " \t")
		if len(seg) < len("boundary") || !strings.EqualFold(seg[:len("boundary")], "boundary") {
			continue
		}
		if rest := strings.TrimLeft(seg[len("boundary"):], " \t"); strings.HasPrefix(rest, "=") {
			param = seg[len("boundary"):]
			found++
		}
	}
	if found != 1 {
		return "", fmt.Errorf("%w: want exactly one boundary parameter", errMultipart)
	}
	trimmed := strings.TrimLeft(param, " \t")
	if len(trimmed) != len(param) {
		flag(FlagBoundaryWhitespace)
	}
	rest := trimmed[1:]
	trimmed = strings.TrimLeft(rest, " \t")
	if len(trimmed) != len(rest) {
		flag(FlagBoundaryWhitespace)
	}
	var b string
	if strings.HasPrefix(trimmed, "\"") {
		flag(FlagBoundaryQuoted)
		end := strings.IndexByte(trimmed[1:], '"')
		if end < 0 {
			return "", fmt.Errorf("%w: unterminated quoted boundary", errMultipart)
		}
		b = trimmed[1 : 1+end]
	} else {
		b = trimmed
		if end := strings.IndexAny(b, ";,"); end >= 0 {
			b = b[:end]
		}
		if t := strings.TrimRight(b, " \t"); t != b {
			flag(FlagBoundaryWhitespace)
			b = t
		}
	}
	if b == "" {
		return "", fmt.Errorf("%w: empty boundary", errMultipart)
	}
	return b, nil
}

// Disposition parses a form-data Content-Disposition into its parameters
// (names lower-cased), raising the flags for a missing ';' and for bad
// quoting.
func Disposition(v string, flag func(string)) (map[string]string, error) {
	v = strings.TrimSpace(v)
	if len(v) < len("form-data") || !strings.EqualFold(v[:len("form-data")], "form-data") {
		return nil, fmt.Errorf("%w: disposition is not form-data", errMultipart)
	}
	v = v[len("form-data"):]
	params := map[string]string{}
	for {
		v = strings.TrimLeft(v, " \t")
		if v == "" {
			return params, nil
		}
		if v[0] == ';' {
			v = strings.TrimLeft(v[1:], " \t")
		} else {
			flag(FlagMissingSemicolon)
		}
		if v == "" {
			return params, nil
		}
		eq := strings.IndexByte(v, '=')
		if eq < 0 {
			return nil, fmt.Errorf("%w: parameter without '='", errMultipart)
		}
		name := strings.ToLower(strings.TrimSpace(v[:eq]))
		v = strings.TrimLeft(v[eq+1:], " \t")
		value, rest, err := paramValue(v, flag)
		if err != nil {
			return nil, err
		}
		params[name] = value
		v = rest
	}
}

// paramValue reads a quoted or plain parameter value and returns the rest.
func paramValue(v string, flag func(string)) (value, rest string, err error) {
	if v == "" {
		return "", "", nil
	}
	switch v[0] {
	case '"':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			switch c := v[i]; {
			case c == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\'):
				b.WriteByte(v[i+1])
				i++
			case c == '"':
				return b.String(), v[i+1:], nil
			default:
				b.WriteByte(c)
			}
		}
		flag(FlagInvalidQuoting)
		return b.String(), "", nil
	case '\'':
		flag(FlagInvalidQuoting)
		end := strings.IndexByte(v[1:], '\'')
		if end < 0 {
			return v[1:], "", nil
		}
		return v[1 : 1+end], v[2+end:], nil
	}
	end := strings.IndexAny(v, "; \t")
	if end < 0 {
		end = len(v)
	}
	if strings.ContainsAny(v[:end], "\"'") {
		flag(FlagInvalidQuoting)
	}
	return v[:end], v[end:], nil
}
