package transform

import "crypto/md5"

// md5 gives the raw 16-byte digest, as ModSecurity's does; chain hexEncode
// to print it.
func init() {
	register("md5", func(s string) string { d := md5.Sum([]byte(s)); return string(d[:]) })
}
