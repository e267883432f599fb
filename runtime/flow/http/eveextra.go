package http

import (
	"bytes"
	"strconv"
)

// hostPort is the port of a request's authority ("host:port", "[v6]:port"),
// as libhtp reads it: digits making 1 to 65535; 0 when there is none.
func hostPort(h []byte) uint16 {
	h = trimSpace(h)
	if i := bytes.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if len(h) > 0 && h[0] == '[' {
		i := bytes.IndexByte(h, ']')
		if i < 0 {
			return 0
		}
		h = h[i+1:]
	}
	i := bytes.IndexByte(h, ':')
	if i < 0 {
		return 0
	}
	n, err := strconv.ParseUint(string(trimSpace(h[i+1:])), 10, 16)
	if err != nil || n == 0 {
		return 0
	}
	return uint16(n)
}

// contentRange is the http object's content_range of a response's
// Content-Range value: the raw value and, when it parses as Suricata's
// range parser reads it ("unit start-end/size", "unit */size", a size
// of "*"), the numbers given.
func contentRange(v []byte) map[string]any {
	out := map[string]any{"raw": string(v)}
	start, end, size, ok := parseContentRange(v)
	if !ok {
		return out
	}
	for k, n := range map[string]int64{"start": start, "end": end, "size": size} {
		if n >= 0 {
			out[k] = n
		}
	}
	return out
}

// parseContentRange reads a Content-Range value; -1 stands for "*".
func parseContentRange(v []byte) (start, end, size int64, ok bool) {
	v = bytes.TrimLeft(v, " ")
	if i := bytes.IndexByte(v, ' '); i >= 0 {
		v = v[i:]
	} else {
		v = nil
	}
	v = bytes.TrimLeft(v, " ")
	num := func() (int64, bool) {
		i := 0
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		n, err := strconv.ParseInt(string(v[:i]), 10, 64)
		v = v[i:]
		return n, err == nil
	}
	if rest, star := bytes.CutPrefix(v, []byte("*/")); star {
		v = rest
		size, ok = num()
		return -1, -1, size, ok
	}
	if start, ok = num(); !ok || len(v) == 0 || v[0] != '-' {
		return 0, 0, 0, false
	}
	v = v[1:]
	if end, ok = num(); !ok || len(v) == 0 || v[0] != '/' {
		return 0, 0, 0, false
	}
	v = v[1:]
	if len(v) > 0 && v[0] == '*' {
		return start, end, -1, true
	}
	size, ok = num()
	return start, end, size, ok
}
