package http

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"testing"

	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestBodyFileDigests: a body file whole within the body limit is CLOSED
// with every configured digest (buffers file.md5, ...); past the limit it
// is TRUNCATED at the limit with only the sha256 of what was tracked; a
// POST body is a file named by its path unless it is multipart.
func TestBodyFileDigests(t *testing.T) {
	cfg := DefaultConfig()
	cfg.BodyLimit = 16
	cfg.FileHashes = filehash.MD5 | filehash.SHA1 | filehash.SHA256
	// files returns the unit of the last body
	files := func(reqs ...string) *inspect.Unit {
		var units []*inspect.Unit
		p := NewParser(cfg, func(tx *Tx, st Stage) {
			if st == RequestBody || st == ResponseBody {
				u := &inspect.Unit{}
				tx.Fill(u, st)
				units = append(units, u)
			}
		})
		for i, r := range reqs {
			p.Feed(inspect.Dir(i%2+1), []byte(r))
		}
		return units[len(units)-1]
	}
	small, big := "%PDF-1.7 tiny", "0123456789abcdefXYZ"
	u := files("GET /a.pdf HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n"+small)
	f := u.Files[0]
	md := md5.Sum([]byte(small))
	if f.State() != "CLOSED" || f.Size != 13 || !bytes.Equal(f.Sums[0], md[:]) || f.Sums[1] == nil || f.Sums[2] == nil {
		t.Errorf("small: %+v", f)
	}
	if got := buf(u, "file.md5"); got != string(md[:]) {
		t.Errorf("file.md5 %q", got)
	}
	u = files("GET /b HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 19\r\n\r\n"+big)
	f = u.Files[0]
	sha := sha256.Sum256([]byte(big[:16]))
	if f.State() != "TRUNCATED" || f.Size != 16 || f.Sums[0] != nil || !bytes.Equal(f.Sums[2], sha[:]) {
		t.Errorf("big: %+v", f)
	}
	if got := buf(u, "file.sha256"); got != "<none>" {
		t.Errorf("a truncated file has a file.sha256 buffer %q", got)
	}
	u = files("POST /up.php HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
	if f := u.Files; len(f) != 1 || string(f[0].Name) != "/up.php" || f[0].State() != "CLOSED" {
		t.Errorf("post: %+v", f)
	}
	u = files("POST /up.php HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=xx\r\nContent-Length: 3\r\n\r\nabc")
	if f := u.Files; len(f) != 0 {
		t.Errorf("multipart post: %+v", f)
	}
}
