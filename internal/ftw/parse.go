package ftw

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrBadRequest is a request the server refuses with 400 before any
// module sees it.
var ErrBadRequest = errors.New("400 Bad Request")

// request is a request as a lenient HTTP/1.x server reads it.
type request struct {
	method, uri, proto string
	headers            [][2]string
	body               []byte
}

// parseRequest reads raw bytes as Apache httpd (CRS's reference platform)
// does: the request line (method, URI, and the protocol, HTTP/0.9 when
// there is none), headers to the blank line (folded lines joined to the
// one before, repeated names merged into one value with ", "), and a body
// when chunked Transfer-Encoding (which drops Content-Length) or
// Content-Length gives one. Like Apache (HttpProtocolOptions Strict, its
// default), it refuses a request line or header line with a CR that does
// not end the line: ErrBadRequest, which Apache answers with 400 before
// ModSecurity sees the request.
func parseRequest(raw []byte) (request, error) {
	var r request
	line, rest := cutLine(raw)
	if err := checkLine(line); err != nil {
		return r, err
	}
	r.method, r.uri, r.proto = splitRequestLine(string(line))
	if r.proto == "" {
		r.proto = "HTTP/0.9"
	}
	for len(rest) > 0 {
		line, rest = cutLine(rest)
		if len(line) == 0 {
			break
		}
		if err := checkLine(line); err != nil {
			return r, err
		}
		if (line[0] == ' ' || line[0] == '\t') && len(r.headers) > 0 {
			h := &r.headers[len(r.headers)-1]
			h[1] += " " + strings.TrimSpace(string(line))
			continue
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		r.addHeader(string(name), strings.TrimSpace(string(value)))
	}
	switch {
	case strings.Contains(strings.ToLower(r.header("Transfer-Encoding")), "chunked"):
		r.dropHeader("Content-Length")
		r.body = dechunk(rest)
	case r.header("Content-Length") != "":
		if n, err := strconv.Atoi(strings.TrimSpace(r.header("Content-Length"))); err == nil && n >= 0 {
			r.body = rest[:min(n, len(rest))]
		}
	}
	return r, nil
}

// checkLine refuses a bare CR in a line of the request head.
func checkLine(line []byte) error {
	if i := bytes.IndexByte(line, '\r'); i >= 0 {
		return fmt.Errorf("%w: bare CR at byte %d of %q", ErrBadRequest, i, line)
	}
	return nil
}

// addHeader adds a header, or merges its value into an earlier one of the
// same name.
func (r *request) addHeader(name, value string) {
	for i := range r.headers {
		if strings.EqualFold(r.headers[i][0], name) {
			r.headers[i][1] += ", " + value
			return
		}
	}
	r.headers = append(r.headers, [2]string{name, value})
}

func (r *request) dropHeader(name string) {
	kept := r.headers[:0]
	for _, h := range r.headers {
		if !strings.EqualFold(h[0], name) {
			kept = append(kept, h)
		}
	}
	r.headers = kept
}

func (r *request) header(name string) string {
	for _, h := range r.headers {
		if strings.EqualFold(h[0], name) {
			return h[1]
		}
	}
	return ""
}

func cutLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil
	}
	line, rest = b[:i], b[i+1:]
	return bytes.TrimSuffix(line, []byte("\r")), rest
}

func splitRequestLine(s string) (method, uri, proto string) {
	method, rest, _ := strings.Cut(s, " ")
	rest = strings.TrimLeft(rest, " ")
	if i := strings.LastIndexByte(rest, ' '); i >= 0 {
		uri, proto = rest[:i], rest[i+1:]
		return method, strings.TrimRight(uri, " "), proto
	}
	return method, rest, ""
}

// dechunk decodes a chunked body, stopping at the last chunk or at
// anything malformed.
func dechunk(b []byte) []byte {
	var out []byte
	for len(b) > 0 {
		line, rest := cutLine(b)
		sizeText, _, _ := strings.Cut(string(line), ";")
		n, err := strconv.ParseUint(strings.TrimSpace(sizeText), 16, 32)
		if err != nil || n == 0 || int(n) > len(rest) {
			break
		}
		out = append(out, rest[:n]...)
		b = bytes.TrimPrefix(rest[n:], []byte("\r\n"))
	}
	return out
}
