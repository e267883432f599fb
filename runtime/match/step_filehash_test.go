package match

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestFileHash: filemd5/filesha256 match a closed file whose digest is in
// the list, negated one whose digest is not; a unit without file digests
// matches neither.
func TestFileHash(t *testing.T) {
	dir := t.TempDir()
	evil, good := md5.Sum([]byte("evil")), md5.Sum([]byte("good"))
	evil256 := sha256.Sum256([]byte("evil"))
	md5List, shaList := filepath.Join(dir, "md5.txt"), filepath.Join(dir, "sha.txt")
	os.WriteFile(md5List, []byte("# known bad\n"+hex.EncodeToString(evil[:])+"  evil.exe\n\n"), 0o644)
	os.WriteFile(shaList, []byte(hex.EncodeToString(evil256[:])+"\n"), 0o644)
	files := func(sums ...[]byte) *inspect.Unit {
		u := &inspect.Unit{Kind: inspect.KindApp}
		for _, s := range sums {
			name := "file.md5"
			if len(s) == 32 {
				name = "file.sha256"
			}
			u.AddBuffer(name, s)
		}
		return u
	}
	runCases(t, "alert http any any -> any any", []matchCase{
		{"md5 listed", "filemd5:" + md5List + ";", files(evil[:]), true},
		{"md5 of the second file listed", "filemd5:" + md5List + ";", files(good[:], evil[:]), true},
		{"md5 not listed", "filemd5:" + md5List + ";", files(good[:]), false},
		{"negated, not listed", "filemd5:!" + md5List + ";", files(good[:]), true},
		{"negated, listed", "filemd5:!" + md5List + ";", files(evil[:]), false},
		{"no file", "filemd5:!" + md5List + ";", files(), false},
		{"sha256 listed", "filesha256:" + shaList + ";", files(evil256[:]), true},
		{"sha256 list, md5 digest only", "filesha256:" + shaList + ";", files(evil[:]), false},
	})
}

// TestFilestoreNeedsFile: a filestore rule is a file rule: it matches a
// unit with a file only.
func TestFilestoreNeedsFile(t *testing.T) {
	runCases(t, "alert http any any -> any any", []matchCase{
		{"file", `filestore; http.method; content:"POST";`, http("http.method", "POST", "file.name", "/up.cgi"), true},
		{"no file", `filestore; http.method; content:"POST";`, http("http.method", "POST"), false},
		{"negated name, other file", `filestore; fileext:!"mp4";`, http("file.name", "/a.tar.gz"), true},
		{"negated name, no file", `filestore; fileext:!"mp4";`, http("http.method", "GET"), false},
	})
}
