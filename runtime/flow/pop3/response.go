package pop3

import "bytes"

// Response is a server response: its status (+OK or -ERR), the rest of
// its first line and, for a multi-line one, its lines (a leading '.'
// unstuffed; the ".\r\n" end not included).
type Response struct {
	OK     bool
	Header []byte
	Data   [][]byte
}

// parseResponse reads one response from the start of b as sawp-pop3: a
// status word up to a space or CR ("+OK" or "-ERR"), one optional space,
// the first line up to CRLF; then, when the bytes that follow hold lines
// ending in a "." line, those lines are its data (else it has none, and
// they are left to the next response). The first line's CRLF must be in
// b.
func parseResponse(b []byte) (r Response, flags uint8, n int, ok bool) {
	sw := wordEnd(b)
	switch string(b[:sw]) {
	case "+OK":
		r.OK = true
	case "-ERR":
	default:
		return r, 0, 0, false
	}
	rest := b[sw:]
	if len(rest) > 0 && rest[0] == ' ' {
		rest = rest[1:]
	}
	end := bytes.Index(rest, crlf)
	if end < 0 {
		return r, 0, 0, false
	}
	r.Header = bytes.Clone(rest[:end])
	if sw+1+end+2 > maxResponseLine {
		flags |= flagResponseTooLong
	}
	rest = rest[end+2:]
	n = len(b) - len(rest)
	if data, used, found := dataLines(rest); found {
		r.Data, n = data, n+used
	}
	return r, flags, n, true
}

// dataLines reads the lines of b up to a "." line: found false when b
// has none (every line must end in CRLF).
func dataLines(b []byte) (lines [][]byte, n int, found bool) {
	for {
		if bytes.HasPrefix(b[n:], []byte(".\r\n")) {
			return lines, n + 3, true
		}
		line := b[n:]
		line = bytes.TrimPrefix(line, []byte("."))
		end := bytes.Index(line, crlf)
		if end < 0 {
			return nil, 0, false
		}
		lines = append(lines, bytes.Clone(line[:end]))
		n = len(b) - len(line) + end + 2
	}
}
