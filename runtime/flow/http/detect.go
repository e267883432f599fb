package http

import "bytes"

// methods are the request methods that identify HTTP at the start of a
// client stream.
var methods = [][]byte{
	[]byte("GET"), []byte("POST"), []byte("HEAD"), []byte("PUT"), []byte("DELETE"),
	[]byte("OPTIONS"), []byte("CONNECT"), []byte("TRACE"), []byte("PATCH"),
	[]byte("PROPFIND"), []byte("PROPPATCH"), []byte("MKCOL"), []byte("COPY"),
	[]byte("MOVE"), []byte("LOCK"), []byte("UNLOCK"), []byte("SEARCH"),
}

// DetectRequest reports whether a client stream starts with an HTTP
// request line (a known method and a space); more is true while the bytes
// so far are too few to tell.
func DetectRequest(b []byte) (match, more bool) {
	for _, m := range methods {
		n := len(m)
		switch {
		case len(b) > n:
			if bytes.EqualFold(b[:n], m) && isSpace(b[n]) {
				return true, false
			}
		case bytes.EqualFold(b, m[:len(b)]):
			more = true
		}
	}
	return false, more
}

// DetectResponse reports whether a server stream starts with an HTTP/1
// status line.
func DetectResponse(b []byte) (match, more bool) {
	const prefix = "HTTP/1."
	if len(b) < len(prefix) {
		return false, bytes.EqualFold(b, []byte(prefix)[:len(b)])
	}
	return hasPrefixFold(b, prefix), false
}
