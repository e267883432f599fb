package transform

import "strings"

// replaceNulls turns NUL bytes into spaces.
func init() {
	register("replaceNulls", func(s string) string {
		if strings.IndexByte(s, 0) < 0 {
			return s
		}
		return strings.ReplaceAll(s, "\x00", " ")
	})
}
