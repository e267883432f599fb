package transform

import "github.com/rulec/rulec/internal/hexdigit"

// hexByte decodes the two hexadecimal digits at s[0:2]; the caller checked
// them.
func hexByte(s string) byte { return byte(hexdigit.Int(s[0])<<4 | hexdigit.Int(s[1])) }

// isSpace reports the bytes C's isspace accepts.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
