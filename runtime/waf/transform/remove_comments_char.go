package transform

import "strings"

func init() { register("removeCommentsChar", removeCommentsChar) }

// commentMarks are the character sequences removeCommentsChar deletes,
// longest first.
var commentMarks = []string{"<!--", "-->", "/*", "*/", "--", "#"}

func removeCommentsChar(s string) string {
	if !strings.ContainsAny(s, "/*<-#") {
		return s
	}
	b := make([]byte, 0, len(s))
next:
	for i := 0; i < len(s); {
		for _, m := range commentMarks {
			if strings.HasPrefix(s[i:], m) {
				i += len(m)
				continue next
			}
		}
		b = append(b, s[i])
		i++
	}
	if string(b) == s {
		return s
	}
	return string(b)
}
