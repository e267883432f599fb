package http

import (
	"crypto/md5"
	"strconv"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
)

func TestBoundaryOf(t *testing.T) {
	for ct, want := range map[string]string{
		`multipart/form-data; boundary=----abc`:                     "------abc",
		`multipart/form-data; charset=x; boundary="q;b"`:            "--q;b",
		`multipart/form-data;boundary=a\b ; x=1`:                    "--ab",
		`multipart/form-data`:                                       "",
		`multipart/form-data; boundary=` + strings.Repeat("x", 256): "",
	} {
		if got := string(boundaryOf([]byte(ct))); got != want {
			t.Errorf("%q: %q, want %q", ct, got, want)
		}
	}
}

// TestMultipartFiles: parts with a filename are files, their data up to
// the CRLF before the next boundary; a part without one is not a file; a
// file the body ends inside stays open; an empty file closes at once.
func TestMultipartFiles(t *testing.T) {
	body := "preamble\r\n--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfield\r\n" +
		"--xx\r\nContent-Disposition: form-data; name=\"f\"; filename=\"one.txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n" +
		"--xx\r\nContent-Disposition: form-data; name=\"e\"; filename=\"empty\"\r\n\r\n" +
		"--xx\r\nContent-Disposition: form-data; filename=\"cut.bin\"\r\n\r\nabc\r\n--x"
	raw := []byte(body)
	files := multipartFiles(raw, []byte("--xx"))
	want := []part{{name: []byte("one.txt"), data: []byte("line1\r\nline2"), closed: true}, {name: []byte("empty"), closed: true},
		{name: []byte("cut.bin"), data: []byte("abc")}}
	if len(files) != len(want) {
		t.Fatalf("got %d files: %+v", len(files), files)
	}
	for i, w := range want {
		if g := files[i]; string(g.name) != string(w.name) || string(g.data) != string(w.data) || g.closed != w.closed {
			t.Errorf("file %d: %q %q %v, want %q %q %v", i, g.name, g.data, g.closed, w.name, w.data, w.closed)
		}
	}
	// a file's data is the body's bytes, not a copy, and no append to it
	// can write into the body
	if d := files[0].data; len(d) > 0 && (&d[0] != &raw[strings.Index(body, "line1")] || cap(d) != len(d)) {
		t.Errorf("file data is not the body's bytes (cap %d, len %d)", cap(d), len(d))
	}
}

// TestMultipartRequestFiles: a multipart POST's files are the request's
// files (file.name, file.data of each, digests of the closed ones); one
// the body limit cuts is TRUNCATED.
func TestMultipartRequestFiles(t *testing.T) {
	cfg := DefaultConfig()
	cfg.BodyLimit = 200
	cfg.FileHashes = filehash.MD5
	body := "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.jpg\"\r\n\r\nxfilecontent\r\n" +
		"--b\r\nContent-Disposition: form-data; name=\"g\"; filename=\"big.bin\"\r\n\r\n" + strings.Repeat("z", 300) + "\r\n--b--\r\n"
	var u *inspect.Unit
	p := NewParser(cfg, func(tx *Tx, st Stage) {
		if st == RequestBody {
			u = &inspect.Unit{}
			tx.Fill(u, st)
		}
	})
	p.Feed(inspect.ToServer, []byte("POST /upload.cgi HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "+
		strconv.Itoa(len(body))+"\r\n\r\n"+body))
	if u == nil || len(u.Files) != 2 {
		t.Fatalf("unit %+v", u)
	}
	sum := md5.Sum([]byte("xfilecontent"))
	if f := u.Files[0]; string(f.Name) != "a.jpg" || f.State() != "CLOSED" || f.Size != 12 || string(f.Sums[0]) != string(sum[:]) {
		t.Errorf("first file %+v", f)
	}
	if f := u.Files[1]; string(f.Name) != "big.bin" || f.State() != "TRUNCATED" || f.Sums[0] != nil {
		t.Errorf("second file %+v", f)
	}
	if got := buf(u, "file.name"); got != "a.jpg\nbig.bin" {
		t.Errorf("file.name %q", got)
	}
	if got := buf(u, "file.md5"); got != string(sum[:]) {
		t.Errorf("file.md5 %q", got)
	}
	if got := buf(u, "file.data"); !strings.HasPrefix(got, "xfilecontent\nzzz") {
		t.Errorf("file.data %q", got)
	}
}
