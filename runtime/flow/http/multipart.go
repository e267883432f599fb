package http

import "bytes"

// part is a file of a multipart request body: its name, the bytes of it
// in the body, closed when its closing boundary was seen.
type part struct {
	name, data []byte // data is the body's bytes of the file, one slice
	closed     bool
	start      int // where data starts in the body
}

// maxBoundary is the longest boundary Suricata takes (RS_MIME_MAX_TOKEN_LEN).
const maxBoundary = 255

// maxParts bounds the files taken from one body.
const maxParts = 64

// boundaryOf returns "--" and the boundary parameter of a multipart
// Content-Type (backslashes removed), or nil: Suricata's mime_state_init.
func boundaryOf(ct []byte) []byte {
	v, ok := headerToken(ct, "boundary")
	if !ok || len(v) > maxBoundary {
		return nil
	}
	return append([]byte("--"), bytes.ReplaceAll(v, []byte(`\`), nil)...)
}

// headerToken finds parameter name in a header value's "; k=v" tokens
// (a value quoted, with \ escapes, or up to ';' with spaces trimmed), as
// Suricata's mime_find_header_token; the parameters start after the
// first ';'.
func headerToken(v []byte, name string) ([]byte, bool) {
	i := bytes.IndexByte(v, ';')
	if i < 0 {
		return nil, false
	}
	in := v[i+1:]
	var found []byte
	ok := false
	for len(in) > 0 {
		in = bytes.TrimLeft(in, " \t\r\n")
		eq := bytes.IndexByte(in, '=')
		if eq < 0 {
			break
		}
		key := in[:eq]
		in = in[eq+1:]
		var val []byte
		if len(in) > 0 && in[0] == '"' {
			end, esc := -1, false
			for j := 1; j < len(in); j++ {
				if in[j] == '\\' {
					esc = true
					continue
				}
				if in[j] == '"' && !esc {
					end = j
					break
				}
				esc = false
			}
			if end < 0 {
				break
			}
			val, in = in[1:end], in[end+1:]
		} else {
			j := bytes.IndexByte(in, ';')
			if j < 0 {
				j = len(in)
			}
			val, in = bytes.TrimRight(in[:j], " \t\r\n"), in[j:]
		}
		in = bytes.TrimLeft(in, " \t\r\n")
		if len(in) > 0 && in[0] == ';' {
			in = in[1:]
		}
		if string(key) == name && !ok {
			found, ok = val, true
		}
	}
	return found, ok
}

// multipartFiles splits a multipart body (what of it was kept) into its
// files as Suricata's HTTP MIME parser does: a part is a file when its
// Content-Disposition has a non-empty filename; its data ends before the
// CRLF of the next boundary line, where it closes. A file the kept bytes
// end inside stays open (truncated).
func multipartFiles(body, boundary []byte) []part {
	var files []part
	var cur *part
	in := body
	const (
		start = iota
		header
		headerEnd
		chunk
	)
	state := start
	for len(in) > 0 && len(files) < maxParts {
		switch state {
		case start:
			nl := bytes.IndexByte(in, '\n')
			if nl < 0 {
				return files
			}
			if bytes.HasPrefix(in, boundary) {
				state = header
			}
			in = in[nl+1:]
		case header:
			end := bytes.Index(in, []byte("\r\n"))
			if end < 0 {
				return files
			}
			line := in[:end]
			in = in[end+2:]
			if len(line) == 0 {
				state = headerEnd
				continue
			}
			name, value, ok := bytes.Cut(line, []byte(":"))
			if ok && bytes.EqualFold(name, []byte("content-disposition")) {
				value = bytes.TrimLeft(value, " \t\r\n")
				if fn, ok := headerToken(value, "filename"); ok && len(fn) > 0 {
					files = append(files, part{name: bytes.ReplaceAll(fn, []byte(`\`), nil)})
					cur = &files[len(files)-1]
				}
			}
		case headerEnd:
			state = chunk
			if bytes.HasPrefix(in, boundary) {
				if cur != nil {
					cur.closed = true
				}
				cur, state = nil, start
			}
		case chunk:
			end := bytes.Index(in, []byte("\r\n"))
			if end < 0 {
				cur.add(body, in)
				return files
			}
			next := in[end+2:]
			switch {
			case len(next) < len(boundary) && bytes.HasPrefix(boundary, next):
				// the rest may be the start of a boundary line
				cur.add(body, in[:end])
				return files
			case bytes.HasPrefix(next, boundary):
				cur.add(body, in[:end])
				if cur != nil {
					cur.closed = true
				}
				cur, state = nil, start
			default:
				cur.add(body, in[:end+2])
			}
			in = next
		}
	}
	return files
}

// add extends a file's data to the body's bytes b, which follow the data
// taken before; a part that is no file takes none.
func (p *part) add(body, b []byte) {
	if p == nil {
		return
	}
	at := cap(body) - cap(b)
	if p.data == nil {
		p.start = at
	}
	end := at + len(b)
	p.data = body[p.start:end:end]
}
