package transform

import "strings"

// normalisePath has both spellings, as in ModSecurity.
func init() {
	register("normalisePath", normalisePath)
	register("normalizePath", normalisePath)
}

// normalisePath removes empty and "." segments and resolves ".." against
// the segment before it; a relative path keeps the ".." it cannot resolve.
// A trailing slash stays when a segment is left before it.
func normalisePath(s string) string {
	if normal(s) {
		return s
	}
	abs := s[0] == '/'
	dirLike := strings.HasSuffix(s, "/")
	segs := make([]string, 0, 8)
	for _, seg := range strings.Split(s, "/") {
		switch {
		case seg == "" || seg == ".":
		case seg == ".." && len(segs) > 0 && segs[len(segs)-1] != "..":
			segs = segs[:len(segs)-1]
		case seg == ".." && abs:
		default:
			segs = append(segs, seg)
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	if abs {
		b.WriteByte('/')
	}
	b.WriteString(strings.Join(segs, "/"))
	if dirLike && len(segs) > 0 {
		b.WriteByte('/')
	}
	if b.String() == s {
		return s
	}
	return b.String()
}

// normal reports whether s has no empty, "." or ".." segment to remove
// (a leading slash and a trailing one aside).
func normal(s string) bool {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '/')
		if j < 0 {
			j = len(s) - i
		}
		switch seg := s[i : i+j]; {
		case seg == "." || seg == "..":
			return false
		case seg == "" && i > 0 && i < len(s):
			return false
		}
		i += j + 1
	}
	return true
}
