package transform

import "strings"

// removeNulls deletes NUL bytes.
func init() {
	register("removeNulls", func(s string) string {
		if strings.IndexByte(s, 0) < 0 {
			return s
		}
		return strings.ReplaceAll(s, "\x00", "")
	})
}
