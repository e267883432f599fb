package smtp

import "bytes"

// Header is one MIME header: its name as written and its value, the
// continuation lines appended.
type Header struct{ Name, Value []byte }

// maxTokenLen bounds a filename taken from a header parameter
// (Suricata's RS_MIME_MAX_TOKEN_LEN).
const maxTokenLen = 255

func isMIMESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// equalLower reports whether s, lowercased, is lower (already lowercase).
func equalLower(s []byte, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := range s {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// parseHeaderLine splits "Name: value" (mime_parse_header_line): the name
// runs to the first ':', the value starts after the spaces that follow.
func parseHeaderLine(line []byte) (name, value []byte, ok bool) {
	i := bytes.IndexByte(line, ':')
	if i < 0 {
		return nil, nil, false
	}
	v := line[i+1:]
	for len(v) > 0 && isMIMESpace(v[0]) {
		v = v[1:]
	}
	return line[:i], v, true
}

// headerTokens reads the parameters after a header value's first ';'
// (mime_parse_header_tokens): name=value pairs, a value quoted (quotes
// removed, escapes kept) or running to the next ';' (trailing spaces
// trimmed); a later pair of the same name wins; reading stops at the
// first pair without '='.
func headerTokens(v []byte) map[string][]byte {
	i := bytes.IndexByte(v, ';')
	if i < 0 {
		return nil
	}
	in := v[i+1:]
	tokens := map[string][]byte{}
	for len(in) > 0 {
		rest, name, val, ok := headerToken(in)
		if !ok || len(rest) == len(in) {
			break
		}
		tokens[string(name)] = val
		in = rest
	}
	return tokens
}

func headerToken(in []byte) (rest, name, val []byte, ok bool) {
	for len(in) > 0 && isMIMESpace(in[0]) {
		in = in[1:]
	}
	eq := bytes.IndexByte(in, '=')
	if eq < 0 {
		return nil, nil, nil, false
	}
	name, in = in[:eq], in[eq+1:]
	if q, r, ok := quotedValue(in); ok {
		val, in = q, r
	} else {
		end := bytes.IndexByte(in, ';')
		if end < 0 {
			end = len(in)
		}
		val, in = in[:end], in[end:]
		for len(val) > 0 && isMIMESpace(val[len(val)-1]) {
			val = val[:len(val)-1]
		}
	}
	for len(in) > 0 && isMIMESpace(in[0]) {
		in = in[1:]
	}
	if len(in) > 0 && in[0] == ';' {
		in = in[1:]
	}
	return in, name, val, true
}

// quotedValue reads a value between double quotes; a backslash escapes
// the character after it.
func quotedValue(in []byte) (val, rest []byte, ok bool) {
	if len(in) == 0 || in[0] != '"' {
		return nil, nil, false
	}
	in = in[1:]
	escaping := false
	for i, c := range in {
		switch {
		case c == '\\':
			escaping = true
		case c == '"' && !escaping:
			return in[:i], in[i+1:], true
		default:
			escaping = false
		}
	}
	return nil, nil, false
}

// findToken returns the parameter token of a header value
// (mime_find_header_token), joining RFC 2231 sections token*0,
// token*1, ... when the plain token is absent.
func findToken(v []byte, token string) ([]byte, bool) {
	t := headerTokens(v)
	if t == nil {
		return nil, false
	}
	if val, ok := t[token]; ok {
		return val, true
	}
	first, ok := t[token+"*0"]
	if !ok {
		return nil, false
	}
	out := append([]byte(nil), first...)
	for n := 1; ; n++ {
		sec, ok := t[token+"*"+itoa(n)]
		if !ok {
			return out, true
		}
		out = append(out, sec...)
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
