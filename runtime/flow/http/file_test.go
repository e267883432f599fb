package http

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

func TestDispositionFilename(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`attachment; filename="r.pdf"`, "r.pdf"},
		{`attachment; FILENAME=plain.exe`, "plain.exe"},
		{`attachment; filename="a;b.doc"; size=3`, "a;b.doc"},
		{`  filename=first.txt; filename=second.txt`, "first.txt"},
		{`attachment; filename*=UTF-8''x.pdf`, ""},
		{`inline`, ""},
	} {
		got, ok := dispositionFilename([]byte(c.in))
		if string(got) != c.want || ok != (c.want != "") {
			t.Errorf("%q: %q %v, want %q", c.in, got, ok, c.want)
		}
	}
}

// A response body is a file named by Content-Disposition, else by the
// request's normalised path; a PUT body is one named by its path; no body,
// no file.
func TestFileName(t *testing.T) {
	cases := []struct {
		name   string
		chunks []chunk
		want   string
	}{
		{"uri path", []chunk{req("GET /~regit/a%2e/../r.pdf?x=1 HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n%PDF")}, "/~regit/r.pdf"},
		{"disposition", []chunk{req("GET /dl?id=3 HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Disposition: attachment; filename=\"x.zip\"\r\nContent-Length: 2\r\n\r\nPK")}, "x.zip"},
		{"no body", []chunk{req("GET /r.pdf HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}, "<none>"},
		{"put", []chunk{req("PUT /up/f.txt HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")}, "/up/f.txt"},
	}
	for _, tc := range cases {
		c := run(t, DefaultConfig(), tc.chunks, true)
		last := c.events[len(c.events)-1].unit
		if got := buf(last, "file.name"); got != tc.want {
			t.Errorf("%s: file.name %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestFileFacts: a response body is a file whose magic and size (once
// the body ends) the body unit carries; a PUT body's size is on the
// response units too, for transactional rules.
func TestFileFacts(t *testing.T) {
	var units []*inspect.Unit
	p := NewParser(DefaultConfig(), func(tx *Tx, st Stage) {
		u := &inspect.Unit{}
		tx.Fill(u, st)
		units = append(units, u)
	})
	p.Feed(inspect.ToServer, []byte("PUT /up.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"))
	p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n%PDF-1.7\n"))
	last := units[len(units)-1]
	if m, ok := last.Buffer("file.magic"); !ok || string(m) != "PDF document, version 1.7" {
		t.Errorf("file.magic %q", m)
	}
	if got := last.Codes["filesize"]; len(got) != 1 || got[0] != 9 {
		t.Errorf("response filesize %v", got)
	}
	if got := last.Codes[ir.ToServerOf("filesize")]; len(got) != 1 || got[0] != 3 {
		t.Errorf("request filesize on the response %v", got)
	}
	if f := last.Files; len(f) != 1 || string(f[0].Name) != "/up.txt" || f[0].Size != 9 || !f[0].Closed {
		t.Errorf("files %+v", f)
	}
	if got := units[0].Codes["filesize"]; got != nil {
		t.Errorf("filesize before the body ended: %v", got)
	}
}
