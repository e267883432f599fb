package http

import "bytes"

// knownMethods are the methods libhtp knows (case-sensitive): after a
// request without body, a line starting with any other word is read as
// that request's body rather than as the next request.
var knownMethods = map[string]bool{
	"GET": true, "PUT": true, "POST": true, "DELETE": true, "CONNECT": true, "OPTIONS": true, "TRACE": true,
	"PATCH": true, "PROPFIND": true, "PROPPATCH": true, "MKCOL": true, "COPY": true, "MOVE": true, "LOCK": true,
	"UNLOCK": true, "VERSION-CONTROL": true, "CHECKOUT": true, "UNCHECKOUT": true, "CHECKIN": true, "UPDATE": true,
	"LABEL": true, "REPORT": true, "MKWORKSPACE": true, "MKACTIVITY": true, "BASELINE-CONTROL": true, "MERGE": true,
	"INVALID": true, "HEAD": true,
}

// unexpectedBody is how many bytes of after, the complete lines that
// arrived with a request head announcing no body, libhtp takes as that
// request's body (http.request_body_unexpected): lines up to the last one
// whose first word is not a known method, with the blank lines among
// them, stopping at a line starting with a known method or at a line not
// yet complete.
func unexpectedBody(after []byte) int {
	n, taken := 0, 0
	for {
		i := bytes.IndexByte(after[n:], '\n')
		if i < 0 {
			return taken
		}
		line := bytes.TrimLeft(after[n:n+i], " \t\r\v\f")
		word := line
		if j := bytes.IndexAny(line, " \t\r\v\f"); j >= 0 {
			word = line[:j]
		}
		if knownMethods[string(word)] && len(word) > 0 {
			return taken
		}
		n += i + 1
		if len(word) > 0 {
			taken = n
		}
	}
}
