package transform

import "encoding/base64"

// base64Encode encodes with the standard alphabet and padding.
func init() {
	register("base64Encode", func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) })
}
