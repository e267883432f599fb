package http

import (
	"bytes"
	"math"
	"strconv"
)

// splitHead splits a head (start line, header lines, blank line) into the
// start line and the raw header block.
func splitHead(head []byte) (line, raw []byte) {
	i := bytes.IndexByte(head, '\n')
	if i < 0 {
		return trimCR(head), nil
	}
	return trimCR(head[:i]), head[i+1:]
}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// parseHeaders reads header lines: folded lines continue the previous
// header, lines without a colon are skipped, repeated names are merged,
// except Content-Length, whose first value is kept as libhtp keeps it;
// dupCL reports a repeat whose length differs or does not parse.
func parseHeaders(raw []byte) (hs []Header, dupCL bool) {
	var few [32][]byte
	lines := few[:0]
	folded := -1 // the line that owns its memory after a fold
	for len(raw) > 0 {
		var line []byte
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			line, raw = trimCR(raw[:i]), raw[i+1:]
		} else {
			line, raw = trimCR(raw), nil
		}
		if len(line) == 0 {
			break
		}
		if isSpace(line[0]) && len(lines) > 0 {
			last := lines[len(lines)-1]
			if folded != len(lines)-1 {
				last, folded = last[:len(last):len(last)], len(lines)-1
			}
			lines[len(lines)-1] = append(last, line...)
			continue
		}
		lines = append(lines, line)
	}
	if len(lines) > 0 {
		hs = make([]Header, 0, len(lines))
	}
	var index map[string]int // lower-cased name to position, once there are many
	for _, line := range lines {
		c := bytes.IndexByte(line, ':')
		if c <= 0 {
			continue
		}
		name, value := trimSpace(line[:c]), trimSpace(line[c+1:])
		if len(name) == 0 {
			continue
		}
		i := find(hs, index, name)
		if i < 0 {
			hs = append(hs, Header{Name: name, Value: value})
			if len(hs) == linearHeaders {
				index = map[string]int{}
				for j, h := range hs {
					index[string(bytes.ToLower(h.Name))] = j
				}
			} else if index != nil {
				index[string(bytes.ToLower(name))] = len(hs) - 1
			}
			continue
		}
		if bytes.EqualFold(name, []byte("Content-Length")) {
			a, okA := lengthDigits(hs[i].Value)
			b, okB := lengthDigits(value)
			dupCL = dupCL || !okA || !okB || a != b
			continue
		}
		v := make([]byte, 0, len(hs[i].Value)+2+len(value))
		hs[i].Value = append(append(append(v, hs[i].Value...), ", "...), value...)
	}
	return hs, dupCL
}

// lengthDigits reads a Content-Length value as libhtp compares repeats:
// the first run of digits, whatever surrounds it.
func lengthDigits(v []byte) (uint64, bool) {
	i := 0
	for i < len(v) && (v[i] < '0' || v[i] > '9') {
		i++
	}
	if i == len(v) {
		return 0, false
	}
	j := i
	for j < len(v) && v[j] >= '0' && v[j] <= '9' {
		j++
	}
	n, err := strconv.ParseUint(string(v[i:j]), 10, 64)
	return n, err == nil
}

// linearHeaders is how many headers are searched one by one before an
// index is built, so that many headers cost linear time.
const linearHeaders = 16

func find(hs []Header, index map[string]int, name []byte) int {
	if index != nil {
		if i, ok := index[string(bytes.ToLower(name))]; ok {
			return i
		}
		return -1
	}
	for i := range hs {
		if bytes.EqualFold(hs[i].Name, name) {
			return i
		}
	}
	return -1
}

// parseRequestLine splits "METHOD URI PROTOCOL". The URI may hold spaces:
// it runs up to the last token when that token starts with "HTTP/".
func parseRequestLine(line []byte) (method, uri, proto []byte) {
	i := bytes.IndexAny(line, " \t")
	if i < 0 {
		return line, nil, nil
	}
	method = line[:i]
	rest := trimSpace(line[i:])
	if j := bytes.LastIndexAny(rest, " \t"); j >= 0 && hasPrefixFold(rest[j+1:], "HTTP/") {
		return method, trimSpace(rest[:j]), rest[j+1:]
	}
	return method, rest, nil
}

// hasProtocol reports whether a request line ends in an HTTP version.
func hasProtocol(line []byte) bool {
	_, _, proto := parseRequestLine(trimSpace(line))
	return proto != nil
}

// parseStatusLine splits "PROTOCOL CODE REASON"; ok is false when the
// line is not a status line.
func parseStatusLine(line []byte) (proto, code, reason []byte, status int, ok bool) {
	if !hasPrefixFold(line, "HTTP") {
		return nil, nil, nil, 0, false
	}
	i := bytes.IndexAny(line, " \t")
	if i < 0 {
		return line, nil, nil, 0, true
	}
	proto = line[:i]
	rest := trimSpace(line[i:])
	j := bytes.IndexAny(rest, " \t")
	if j < 0 {
		code = rest
	} else {
		code, reason = rest[:j], trimSpace(rest[j:])
	}
	if n, err := strconv.Atoi(string(code)); err == nil && n >= 100 && n <= 999 {
		status = n
	}
	return proto, code, reason, status, true
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// hasToken reports whether a comma-separated header value lists token.
func hasToken(v []byte, token string) bool {
	for part := range bytes.SplitSeq(v, []byte(",")) {
		if bytes.EqualFold(trimSpace(part), []byte(token)) {
			return true
		}
	}
	return false
}

// contentLength parses a Content-Length value as libhtp frames a body:
// the first run of digits, junk around it tolerated.
func contentLength(v []byte) (int64, bool) {
	n, ok := lengthDigits(v)
	return int64(n), ok && n <= math.MaxInt64
}

// chunkSize parses a chunk-size line, ignoring extensions.
func chunkSize(line []byte) (int64, bool) {
	if i := bytes.IndexByte(line, ';'); i >= 0 {
		line = line[:i]
	}
	line = trimSpace(line)
	if len(line) == 0 || len(line) > 15 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(line), 16, 64)
	return n, err == nil && n >= 0
}
