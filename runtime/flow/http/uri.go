package http

import (
	"bytes"

	"github.com/rulec/rulec/internal/hexdigit"
)

// normalizeURI gives http.uri from the URI as sent (see the package doc).
func normalizeURI(raw []byte) []byte {
	uri, _ := normalizeURIDouble(raw, false, false)
	return uri
}

// normalizeURIDouble is normalizeURI with libhtp's double-decode-path and
// double-decode-query: the normalised path, or the decoded query, is
// decoded once more. double reports that this second decoding changed
// something (libhtp's "URI path/query is double encoded").
func normalizeURIDouble(raw []byte, path2, query2 bool) (uri []byte, double bool) {
	path, query := splitURI(raw)
	p := normalizedPath(path, len(path)+len(query))
	if path2 {
		again := percentDecode(make([]byte, 0, len(p)+len(query)), p)
		double = len(again) < len(p)
		p = again
	}
	if !query2 {
		return percentDecode(p, query), double
	}
	q := percentDecode(nil, query)
	again := percentDecode(p, q)
	return again, double || len(again)-len(p) < len(q)
}

// normalizePath is the normalised path of a request URI, without query.
func normalizePath(raw []byte) []byte {
	path, _ := splitURI(raw)
	return normalizedPath(path, len(path))
}

// splitURI drops an absolute URI's scheme and authority and splits the
// rest into path and query (with its '?' or '#').
func splitURI(u []byte) (path, query []byte) {
	if i := bytes.Index(u, []byte("://")); i > 0 && isScheme(u[:i]) {
		rest := u[i+3:]
		j := bytes.IndexAny(rest, "/?#")
		if j < 0 {
			return []byte("/"), nil
		}
		u = rest[j:]
	}
	if i := bytes.IndexAny(u, "?#"); i >= 0 {
		return u[:i], u[i:]
	}
	return u, nil
}

func normalizedPath(path []byte, room int) []byte {
	p := percentDecode(make([]byte, 0, room), path)
	return removeDotSegments(compressSlashes(p))
}

// authority returns the host part of an absolute URI, if it has one.
func authority(raw []byte) []byte {
	i := bytes.Index(raw, []byte("://"))
	if i <= 0 || !isScheme(raw[:i]) {
		return nil
	}
	rest := raw[i+3:]
	if j := bytes.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func isScheme(b []byte) bool {
	for i, c := range b {
		letter := c|0x20 >= 'a' && c|0x20 <= 'z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// percentDecode appends src to dst with valid %XX escapes decoded.
func percentDecode(dst, src []byte) []byte {
	for i := 0; i < len(src); i++ {
		if src[i] == '%' && i+2 < len(src) {
			hi, ok1 := hexdigit.Value(src[i+1])
			lo, ok2 := hexdigit.Value(src[i+2])
			if ok1 && ok2 {
				dst = append(dst, hi<<4|lo)
				i += 2
				continue
			}
		}
		dst = append(dst, src[i])
	}
	return dst
}

// compressSlashes turns '\' into '/' and runs of '/' into one, in place.
func compressSlashes(p []byte) []byte {
	out := p[:0]
	for _, c := range p {
		if c == '\\' {
			c = '/'
		}
		if c == '/' && len(out) > 0 && out[len(out)-1] == '/' {
			continue
		}
		out = append(out, c)
	}
	return out
}

// removeDotSegments is RFC 3986 section 5.2.4.
func removeDotSegments(in []byte) []byte {
	out := make([]byte, 0, len(in))
	slash := []byte("/")
	for len(in) > 0 {
		switch {
		case bytes.HasPrefix(in, []byte("../")):
			in = in[3:]
		case bytes.HasPrefix(in, []byte("./")), bytes.HasPrefix(in, []byte("/./")):
			in = in[2:]
		case bytes.Equal(in, []byte("/.")):
			in = slash
		case bytes.HasPrefix(in, []byte("/../")):
			in = in[3:]
			out = dropSegment(out)
		case bytes.Equal(in, []byte("/..")):
			in = slash
			out = dropSegment(out)
		case bytes.Equal(in, []byte(".")), bytes.Equal(in, []byte("..")):
			in = nil
		default:
			j := bytes.IndexByte(in[1:], '/') + 1
			if j == 0 {
				j = len(in)
			}
			out = append(out, in[:j]...)
			in = in[j:]
		}
	}
	return out
}

func dropSegment(out []byte) []byte {
	if i := bytes.LastIndexByte(out, '/'); i >= 0 {
		return out[:i]
	}
	return out[:0]
}

// normalizeHost lower-cases a host and drops user info, port and
// trailing dots.
func normalizeHost(h []byte) []byte {
	h = trimSpace(h)
	if i := bytes.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if len(h) > 0 && h[0] == '[' {
		if i := bytes.IndexByte(h, ']'); i >= 0 {
			h = h[:i+1]
		}
	} else if i := bytes.IndexByte(h, ':'); i >= 0 {
		h = h[:i]
	}
	h = bytes.TrimRight(h, ".")
	return bytes.ToLower(h)
}
