package http2

import "bytes"

// Buffer is one sticky buffer a transaction gives rules.
type Buffer struct {
	Name  string
	Value []byte
}

// Buffers are the HTTP buffers Suricata 8 fills from an HTTP/2
// transaction's headers in one direction: to server http.method,
// http.uri and http.uri.raw (the first :method and :path),
// http.request_line ("METHOD PATH HTTP/2\r\n"), http.host.raw (the
// :authority values joined by ", "), http.host (that without userinfo
// and port, lower case), http.user_agent; to client http.stat_code (the
// first :status), http.response_line ("HTTP/2 STATUS\r\n") and an
// empty http.stat_msg; both ways the header buffers (headerBuffers).
func Buffers(tx *Tx, toServer bool) []Buffer {
	var out []Buffer
	if !toServer {
		out = headerBuffers(tx.Frames[1], false)
		if st, ok := first(tx.Frames[1], ":status"); ok {
			out = append(out, Buffer{"http.stat_code", st})
			out = append(out, Buffer{"http.response_line", concat("HTTP/2 ", st, "\r\n")})
		}
		return append(out, Buffer{"http.stat_msg", []byte{}})
	}
	frames := tx.Frames[0]
	out = headerBuffers(frames, true)
	method, hasMethod := first(frames, ":method")
	path, hasPath := first(frames, ":path")
	if hasMethod {
		out = append(out, Buffer{"http.method", method})
	}
	if hasPath {
		out = append(out, Buffer{"http.uri", path}, Buffer{"http.uri.raw", path})
	}
	if hasMethod || hasPath {
		out = append(out, Buffer{"http.request_line", concat(string(method), " ", path, " HTTP/2\r\n")})
	}
	if a, ok := joined(frames, ":authority"); ok {
		out = append(out, Buffer{"http.host.raw", a}, Buffer{"http.host", normalizeHost(a)})
	}
	if ua, ok := joined(frames, "user-agent"); ok {
		out = append(out, Buffer{"http.user_agent", ua})
	}
	return out
}

func concat(parts ...any) []byte {
	var b []byte
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			b = append(b, v...)
		case []byte:
			b = append(b, v...)
		}
	}
	return b
}

// first is the value of the first field named name.
func first(frames []Frame, name string) ([]byte, bool) {
	for _, f := range frames {
		for _, h := range f.Fields {
			if string(h.Name) == name {
				return h.Value, true
			}
		}
	}
	return nil, false
}

// joined is the values of the fields named name, joined by ", ".
func joined(frames []Frame, name string) ([]byte, bool) {
	var out []byte
	found := false
	for _, f := range frames {
		for _, h := range f.Fields {
			if string(h.Name) != name {
				continue
			}
			if found {
				out = append(out, ", "...)
			}
			out, found = append(out, h.Value...), true
		}
	}
	return out, found
}

// normalizeHost drops an authority's userinfo and port and lowers its
// case, as Suricata's http2_normalize_host.
func normalizeHost(v []byte) []byte {
	start, end := 0, len(v)
	if i := bytes.IndexByte(v, '@'); i >= 0 {
		start = i + 1
		if j := bytes.IndexByte(v[start:], ':'); j >= 0 {
			end = start + j
		}
	} else if i := bytes.IndexByte(v, ':'); i >= 0 {
		end = i
	}
	return bytes.ToLower(v[start:end])
}
