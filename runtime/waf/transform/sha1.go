package transform

import "crypto/sha1"

// sha1 gives the raw 20-byte digest, as ModSecurity's does; chain
// hexEncode to print it.
func init() {
	register("sha1", func(s string) string { d := sha1.Sum([]byte(s)); return string(d[:]) })
}
