package http

import "testing"

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
