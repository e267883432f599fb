package flow

import (
	"bytes"

	"github.com/rulec/rulec/runtime/inspect"
)

// imapServer are the server patterns Suricata 8 detects IMAP by, any
// case, at the start of the server's bytes.
var imapServer = []string{"* OK ", "* NO ", "* BAD ", "* LIST ", "* ESEARCH ", "* STATUS ", "* FLAGS "}

// imapClient is the client pattern, any case, ending within the first
// imapClientDepth bytes (a tag of up to 6 bytes before it).
const (
	imapClient      = " CAPABILITY"
	imapClientDepth = 17
)

// imapDetect reports whether a direction's first bytes are IMAP as
// Suricata 8 detects it, by pattern only (its IMAP support is detection
// only: no parser, no transactions). more: too few bytes to tell.
func imapDetect(d inspect.Dir, data []byte) (ok, more bool) {
	if d == inspect.ToClient {
		for _, p := range imapServer {
			if len(data) >= len(p) && bytes.EqualFold(data[:len(p)], []byte(p)) {
				return true, false
			}
		}
		for _, p := range imapServer {
			if len(data) < len(p) && bytes.EqualFold(data, []byte(p[:len(data)])) {
				return false, true
			}
		}
		return false, false
	}
	head := data[:min(len(data), imapClientDepth)]
	if indexFold(head, imapClient) >= 0 {
		return true, false
	}
	if len(data) >= imapClientDepth {
		return false, false
	}
	// the pattern may still end within the depth: some end of the bytes
	// so far starts it
	for i := max(0, len(data)-len(imapClient)); i <= len(data); i++ {
		n := len(data) - i
		if i+len(imapClient) <= imapClientDepth && bytes.EqualFold(data[i:], []byte(imapClient[:n])) {
			return false, true
		}
	}
	return false, false
}

// indexFold is the index of the first match of pattern in b, any ASCII
// case, or -1.
func indexFold(b []byte, pattern string) int {
	for i := 0; i+len(pattern) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(pattern)], []byte(pattern)) {
			return i
		}
	}
	return -1
}
