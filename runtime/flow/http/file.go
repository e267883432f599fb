package http

import "bytes"

// fileName is the name Suricata gives the file a message body carries: a
// response's Content-Disposition filename, else the request's URI path
// (normalised, without query), as HtpResponseBodyHandle and PUT bodies.
func (tx *Tx) fileName(resp bool) []byte {
	if resp {
		if cd, ok := tx.Response.Get("Content-Disposition"); ok {
			if name, ok := dispositionFilename(cd); ok {
				return name
			}
		}
	}
	return normalizePath(tx.URI)
}

// dispositionFilename finds the filename= parameter of a
// Content-Disposition value: ';'-separated tokens (a ';' inside quotes or
// escaped does not separate), the name matched case-insensitively, one
// pair of surrounding quotes removed.
func dispositionFilename(v []byte) ([]byte, bool) {
	const key = "filename="
	v = bytes.TrimLeft(v, " \t\r\n\v\f")
	quotes, start := 0, 0
	for x := 1; x < len(v); x++ {
		if v[x-1] != '\\' && v[x] == '"' {
			quotes++
		}
		last := x+1 == len(v)
		if !(v[x-1] != '\\' && v[x] == ';' || last) || quotes%2 != 0 {
			continue
		}
		end := x
		if last {
			end++
		}
		token := v[start:end]
		start = x + 1
		for start < len(v) && isSpace(v[start]) {
			start++
			x++
		}
		if len(token) > len(key) && hasPrefixFold(token, key) {
			val := token[len(key):]
			val = bytes.TrimPrefix(val, []byte(`"`))
			val = bytes.TrimSuffix(val, []byte(`"`))
			return val, true
		}
	}
	return nil, false
}
