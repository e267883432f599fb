package transform

import "strings"

// normalisePathWin has both spellings, as in ModSecurity.
func init() {
	register("normalisePathWin", normalisePathWin)
	register("normalizePathWin", normalisePathWin)
}

// normalisePathWin turns backslashes into slashes, then normalises.
func normalisePathWin(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return normalisePath(s)
	}
	return normalisePath(strings.ReplaceAll(s, "\\", "/"))
}
