package http2

import "bytes"

// stubHeaders are the single-header buffers Suricata 8 fills from an
// HTTP/2 header of that (lower-case) name, by direction (0 to server).
var stubHeaders = [2][]struct{ buffer, header string }{
	{{"http.accept", "accept"}, {"http.accept_enc", "accept-encoding"}, {"http.accept_lang", "accept-language"},
		{"http.connection", "connection"}, {"http.content_len", "content-length"},
		{"http.content_type", "content-type"}, {"http.referer", "referer"}},
	{{"http.connection", "connection"}, {"http.content_len", "content-length"},
		{"http.content_type", "content-type"}, {"http.location", "location"}, {"http.server", "server"}},
}

// headerBuffers are the buffers Suricata 8 builds of a direction's
// header blocks (rust/src/http2/detect.rs), each block a decoded field
// or a table size update (empty name and value): http.protocol
// ("HTTP/2"), http.header_names ("\r\n" then each name and "\r\n", then
// "\r\n"), http.header ("name: value\r\n" for each block but cookie,
// set-cookie to client, the value without surrounding spaces and tabs),
// http.header.raw (every block, values as they are) and the
// single-header buffers (stubHeaders: the values joined by ", ").
func headerBuffers(frames []Frame, toServer bool) []Buffer {
	out := []Buffer{{"http.protocol", []byte("HTTP/2")}}
	names := []byte("\r\n")
	var header, raw []byte
	cookie := "cookie"
	if !toServer {
		cookie = "set-cookie"
	}
	blocks(frames, func(name, value []byte) {
		names = append(append(names, name...), "\r\n"...)
		raw = append(append(append(append(raw, name...), ": "...), value...), "\r\n"...)
		if !equalFold(name, cookie) {
			header = append(append(append(append(header, name...), ": "...), bytes.Trim(value, " \t")...), "\r\n"...)
		}
	})
	if len(names) > 2 {
		out = append(out, Buffer{"http.header_names", append(names, "\r\n"...)})
	}
	if len(header) > 0 {
		out = append(out, Buffer{"http.header", header})
	}
	if len(raw) > 0 {
		out = append(out, Buffer{"http.header.raw", raw})
	}
	d := 0
	if !toServer {
		d = 1
	}
	for _, h := range stubHeaders[d] {
		if v, ok := joined(frames, h.header); ok {
			out = append(out, Buffer{h.buffer, v})
		}
	}
	return out
}

// blocks calls fn with each block of the header frames in order: a
// frame's table size updates (empty name and value) before its fields.
func blocks(frames []Frame, fn func(name, value []byte)) {
	for _, f := range frames {
		for range f.SizeUpdates {
			fn(nil, nil)
		}
		for _, h := range f.Fields {
			fn(h.Name, h.Value)
		}
	}
}
