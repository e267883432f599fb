package transform

import "encoding/hex"

// hexEncode writes every byte as two lower-case hexadecimal digits.
func init() { register("hexEncode", func(s string) string { return hex.EncodeToString([]byte(s)) }) }
