package http

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// event is one reported stage with the unit it fills.
type event struct {
	id    uint64
	stage Stage
	unit  *inspect.Unit
}

type collector struct{ events []event }

func (c *collector) emit(tx *Tx, st Stage) {
	u := &inspect.Unit{Kind: inspect.KindApp, Dir: StageDir(st)}
	tx.Fill(u, st)
	c.events = append(c.events, event{tx.ID, st, u})
}

func (c *collector) stages() string {
	var s []string
	for _, e := range c.events {
		s = append(s, fmt.Sprintf("%d:%s", e.id, stageName[e.stage]))
	}
	return strings.Join(s, " ")
}

// dropLines forgets the start-line reports (whose number depends on
// how the bytes were cut) and returns how many there were.
func (c *collector) dropLines() int {
	n := len(c.events)
	c.events = slices.DeleteFunc(c.events, func(e event) bool { return e.stage == RequestLine || e.stage == ResponseLine })
	return n - len(c.events)
}

var stageName = map[Stage]string{RequestLine: "reql", RequestHeaders: "reqh", RequestBody: "reqb", ResponseLine: "respl", ResponseHeaders: "resph", ResponseBody: "respb"}

// chunk is bytes fed in one direction.
type chunk struct {
	dir  inspect.Dir
	data string
}

func req(s string) chunk  { return chunk{inspect.ToServer, s} }
func resp(s string) chunk { return chunk{inspect.ToClient, s} }

func run(t *testing.T, cfg Config, chunks []chunk, end bool) *collector {
	t.Helper()
	c := &collector{}
	p := NewParser(cfg, c.emit)
	for _, ch := range chunks {
		if err := p.Feed(ch.dir, []byte(ch.data)); err != nil {
			t.Fatalf("feed %q: %v", ch.data, err)
		}
	}
	if end {
		p.End(inspect.ToServer)
		p.End(inspect.ToClient)
	}
	return c
}

// buf is a unit's buffer; the instances of a multi-buffer joined by "\n".
func buf(u *inspect.Unit, name string) string {
	var parts []string
	u.Instances(name, func(b []byte) bool {
		parts = append(parts, string(b))
		return false
	})
	if len(parts) == 0 {
		return "<none>"
	}
	return strings.Join(parts, "\n")
}

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func zl(s string) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func rawDeflate(s string) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func chunked(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&b, "%x;ext=1\r\n%s\r\n", len(p), p)
	}
	b.WriteString("0\r\nX-Trailer: t\r\n\r\n")
	return b.String()
}

const simpleGET = "GET /index.html HTTP/1.1\r\nHost: Example.COM:8080\r\nUser-Agent: ua/1.0\r\nCookie: a=b\r\nAccept: */*\r\n\r\n"

func TestStagesAndBuffers(t *testing.T) {
	type check struct {
		event  int
		buffer string
		want   string
	}
	tests := []struct {
		name   string
		chunks []chunk
		end    bool
		stages string
		checks []check
	}{
		{
			name: "get with response",
			chunks: []chunk{req(simpleGET),
				resp("HTTP/1.1 200 OK\r\nServer: srv\r\nSet-Cookie: s=1\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello")},
			stages: "0:reqh 0:resph 0:respb",
			checks: []check{
				{0, "http.method", "GET"},
				{0, "http.uri", "/index.html"},
				{0, "http.protocol", "HTTP/1.1"},
				{0, "http.request_line", "GET /index.html HTTP/1.1"},
				{0, "http.host", "example.com"},
				{0, "http.host.raw", "Example.COM:8080"},
				{0, "http.user_agent", "ua/1.0"},
				{0, "http.cookie", "a=b"},
				{0, "http.accept", "*/*"},
				{0, "http.header", "Host: Example.COM:8080\r\nUser-Agent: ua/1.0\r\nAccept: */*\r\n"},
				{0, "http.header.raw", "Host: Example.COM:8080\r\nUser-Agent: ua/1.0\r\nCookie: a=b\r\nAccept: */*\r\n\r\n"},
				{0, "http.header_names", "\r\nHost\r\nUser-Agent\r\nCookie\r\nAccept\r\n\r\n"},
				{0, "http.start", "GET /index.html HTTP/1.1\r\nHost: Example.COM:8080\r\nUser-Agent: ua/1.0\r\nCookie: a=b\r\nAccept: */*\r\n\r\n"},
				{0, "http.request_header", "Host: Example.COM:8080\nUser-Agent: ua/1.0\nCookie: a=b\nAccept: */*"},
				{0, "http.stat_code", "<none>"},
				{1, "http.method", "GET"},
				{1, "http.uri", "/index.html"},
				{1, "http.stat_code", "200"},
				{1, "http.stat_msg", "OK"},
				{1, "http.response_line", "HTTP/1.1 200 OK"},
				{1, "http.server", "srv"},
				{1, "http.cookie", "s=1"},
				{1, "http.header", "Server: srv\r\nContent-Type: text/html\r\nContent-Length: 5\r\n"},
				{1, "http.content_type", "text/html"},
				{1, "http.content_len", "5"},
				{1, "http.accept", "*/*"},
				{1, "http.request_header", "Host: Example.COM:8080\nUser-Agent: ua/1.0\nCookie: a=b\nAccept: */*"},
				{1, "http.response_body", "<none>"},
				{2, "http.response_body", "hello"},
				{2, "file.data", "hello"},
				{2, "http.method", "GET"},
			},
		},
		{
			name: "pipelined",
			chunks: []chunk{req("GET /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nx=1GET /c HTTP/1.1\r\n\r\n"),
				resp("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nbHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")},
			stages: "0:reqh 1:reqh 1:reqb 2:reqh 0:resph 0:respb 1:resph 1:respb 2:resph",
			checks: []check{
				{2, "http.request_body", "x=1"},
				{2, "file.data", "x=1"},
				{4, "http.uri", "/a"},
				{6, "http.uri", "/b"},
				{6, "http.stat_code", "201"},
				{6, "http.request_body", "x=1"},
				{6, "file.data", "<none>"},
				{7, "http.response_body", "b"},
				{8, "http.uri", "/c"},
				{8, "http.stat_msg", "Not Found"},
			},
		},
		{
			name: "chunked gzip response",
			chunks: []chunk{req("GET /z HTTP/1.1\r\n\r\n"),
				resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked(gz("compressed body")[:10], gz("compressed body")[10:]))},
			stages: "0:reqh 0:resph 0:respb",
			checks: []check{{2, "http.response_body", "compressed body"}, {2, "http.stat_code", "200"}},
		},
		{
			name:   "chunked gzip request",
			chunks: []chunk{req("POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked(gz("name=value")))},
			stages: "0:reqh 0:reqb",
			checks: []check{{1, "http.request_body", "name=value"}},
		},
		{
			name:   "deflate zlib",
			chunks: []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: " + fmt.Sprint(len(zl("zlib data"))) + "\r\n\r\n" + zl("zlib data"))},
			stages: "0:reqh 0:resph 0:respb",
			checks: []check{{2, "http.response_body", "zlib data"}},
		},
		{
			name:   "deflate bare",
			chunks: []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: " + fmt.Sprint(len(rawDeflate("raw data"))) + "\r\n\r\n" + rawDeflate("raw data"))},
			stages: "0:reqh 0:resph 0:respb",
			checks: []check{{2, "http.response_body", "raw data"}},
		},
		{
			name:   "gzip header on plain body passes through",
			chunks: []chunk{req("POST /p HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 26\r\n\r\n{\"sdk_version\":\"1\",\"x\":2}\n")},
			stages: "0:reqh 0:reqb",
			checks: []check{{1, "http.request_body", "{\"sdk_version\":\"1\",\"x\":2}\n"}},
		},
		{
			name:   "folded and repeated headers",
			chunks: []chunk{req("GET / HTTP/1.1\r\nX-Long: one\r\n  two\r\nAccept: a\r\naccept: b\r\nBadLine\r\nHost :  h  \r\n\r\n")},
			stages: "0:reqh",
			checks: []check{
				{0, "http.header", "X-Long: one  two\r\nAccept: a, b\r\nHost: h\r\n"},
				{0, "http.accept", "a, b"},
				{0, "http.header_names", "\r\nX-Long\r\nAccept\r\nHost\r\n\r\n"},
				{0, "http.host", "h"},
			},
		},
		{
			name:   "lf only line ends and leading blank lines",
			chunks: []chunk{req("\r\n\nGET /lf HTTP/1.0\nHost: h\n\n"), resp("HTTP/1.0 200 OK\nContent-Length: 2\n\nok")},
			stages: "0:reqh 0:resph 0:respb",
			checks: []check{{0, "http.uri", "/lf"}, {0, "http.header.raw", "Host: h\n\n"}, {2, "http.response_body", "ok"}},
		},
		{
			name:   "head response has no body",
			chunks: []chunk{req("HEAD / HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")},
			stages: "0:reqh 1:reqh 0:resph 1:resph",
			checks: []check{{3, "http.uri", "/2"}, {3, "http.stat_code", "204"}},
		},
		{
			name:   "interim 100 continue skipped",
			chunks: []chunk{req("POST /u HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"), resp("HTTP/1.1 100 Continue\r\n\r\n"), req("ab"), resp("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")},
			stages: "0:reqh 0:reqb 0:resph",
			checks: []check{{2, "http.stat_code", "200"}, {2, "http.request_body", "ab"}},
		},
		{
			name:   "body until close",
			chunks: []chunk{req("GET / HTTP/1.0\r\n\r\n"), resp("HTTP/1.0 200 OK\r\n\r\npart one "), resp("part two")},
			end:    true,
			stages: "0:reqh 0:resph 0:respb",
			checks: []check{{2, "http.response_body", "part one part two"}},
		},
		{
			name:   "cut head reported at end",
			chunks: []chunk{req("POST /normalized%20uri HTTP/1.0\r\nUser-Agent: Mozilla/1.0\r\n")},
			end:    true,
			stages: "0:reql 0:reqh",
			checks: []check{{0, "http.uri", "/normalized uri"}, {0, "http.user_agent", "<none>"}, {1, "http.uri", "/normalized uri"}, {1, "http.user_agent", "Mozilla/1.0"}},
		},
		{
			name:   "cut request line reported at end",
			chunks: []chunk{req("GET /only-a-line")},
			end:    true,
			stages: "0:reqh",
			checks: []check{{0, "http.uri.raw", "/only-a-line"}, {0, "http.protocol", "<none>"}},
		},
		{
			name:   "cut body reported at end",
			chunks: []chunk{req("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")},
			end:    true,
			stages: "0:reqh 0:reqb",
			checks: []check{{1, "http.request_body", "abc"}},
		},
		{
			name:   "missing protocol with headers",
			chunks: []chunk{req("GET /gen.php?a=1&b=-2\r\nHost: 5.8.88.25\r\nUser-Agent:Mozilla/5.0\r\n\r\n")},
			stages: "0:reqh",
			checks: []check{{0, "http.uri", "/gen.php?a=1&b=-2"}, {0, "http.header_names", "\r\nHost\r\nUser-Agent\r\n\r\n"}, {0, "http.protocol", "<none>"}},
		},
		{
			name:   "http 0.9 request and headless response",
			chunks: []chunk{req("GET /old\r\n"), req("GET /new HTTP/1.0\r\n\r\n"), resp("<html>old</html>")},
			end:    true,
			stages: "0:reqh 1:reqh 0:respb",
			checks: []check{{0, "http.uri", "/old"}, {1, "http.uri", "/new"}, {2, "http.response_body", "<html>old</html>"}, {2, "http.stat_code", "<none>"}},
		},
		{
			name:   "uri with spaces",
			chunks: []chunk{req("GET /uri afterspace HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n")},
			stages: "0:reqh",
			checks: []check{{0, "http.uri", "/uri afterspace"}, {0, "http.protocol", "HTTP/1.1"}, {0, "http.host", "127.0.0.1"}},
		},
		{
			name:   "absolute uri",
			chunks: []chunk{req("GET http://User@Proxy.Example.:3128/a/../b?q=%41 HTTP/1.1\r\nHost: other\r\n\r\n")},
			stages: "0:reqh",
			checks: []check{{0, "http.uri", "/b?q=A"}, {0, "http.host", "proxy.example"}, {0, "http.host.raw", "other"}},
		},
		{
			name:   "response without request",
			chunks: []chunk{resp("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n")},
			stages: "0:resph 0:reqh",
			checks: []check{{0, "http.location", "/x"}, {0, "http.method", "<none>"}, {1, "http.uri", "/libhtp::request_uri_not_seen"},
				{1, "http.uri.raw", "/libhtp::request_uri_not_seen"}, {1, "http.request_line", "<none>"}, {1, "http.method", "<none>"}},
		},
		{
			name:   "connect tunnel stops parsing",
			chunks: []chunk{req("CONNECT example.com:443 HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 Connection established\r\n\r\n"), req("\x16\x03\x01 tls bytes"), resp("\x16\x03\x03 more")},
			stages: "0:reqh 0:resph",
			checks: []check{{0, "http.uri", "example.com:443"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := run(t, DefaultConfig(), tc.chunks, tc.end)
			if got := c.stages(); got != tc.stages {
				t.Fatalf("stages %q, want %q", got, tc.stages)
			}
			for _, ch := range tc.checks {
				if got := buf(c.events[ch.event].unit, ch.buffer); got != ch.want {
					t.Errorf("event %d %s = %q, want %q", ch.event, ch.buffer, got, ch.want)
				}
			}
		})
	}
}

// TestByteAtATime feeds a pipelined exchange one byte per call and
// expects what one call gives.
func TestByteAtATime(t *testing.T) {
	reqs := simpleGET + "POST /f HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked("ab", "cd")
	resps := "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyzHTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " +
		fmt.Sprint(len(gz("zipped"))) + "\r\n\r\n" + gz("zipped")
	whole := run(t, DefaultConfig(), []chunk{req(reqs), resp(resps)}, false)
	var pieces []chunk
	for i := range len(reqs) {
		pieces = append(pieces, req(reqs[i:i+1]))
	}
	for i := range len(resps) {
		pieces = append(pieces, resp(resps[i:i+1]))
	}
	split := run(t, DefaultConfig(), pieces, false)
	// cut, each request is reported at its line first (with the line's
	// buffers only), then goes on as the same transaction
	if got := split.stages(); !strings.HasPrefix(got, "0:reql 0:reqh 1:reql 1:reqh ") ||
		buf(split.events[0].unit, "http.uri") != "/index.html" || buf(split.events[0].unit, "http.host") != "<none>" {
		t.Fatalf("byte at a time: stages %q, first uri %q host %q", got, buf(split.events[0].unit, "http.uri"), buf(split.events[0].unit, "http.host"))
	}
	if got := split.stages(); !strings.Contains(got, " 0:respl 0:resph ") || !strings.HasSuffix(got, " 1:respl 1:resph 1:respb") ||
		buf(split.events[5].unit, "http.stat_code") != "200" || buf(split.events[5].unit, "http.response_body") != "<none>" {
		t.Fatalf("byte at a time: stages %q", got)
	}
	if n := split.dropLines(); n != 4 {
		t.Fatalf("%d start-line reports, want 4", n)
	}
	if whole.stages() != split.stages() || whole.stages() != "0:reqh 1:reqh 1:reqb 0:resph 0:respb 1:resph 1:respb" {
		t.Fatalf("stages %q vs %q", whole.stages(), split.stages())
	}
	for i := range whole.events {
		for _, name := range []string{"http.uri", "http.header", "http.header.raw", "http.request_body", "http.response_body", "http.stat_code"} {
			if a, b := buf(whole.events[i].unit, name), buf(split.events[i].unit, name); a != b {
				t.Errorf("event %d %s: %q vs %q", i, name, a, b)
			}
		}
	}
	if got := buf(split.events[2].unit, "http.request_body"); got != "abcd" {
		t.Errorf("dechunked %q", got)
	}
	if got := buf(split.events[6].unit, "http.response_body"); got != "zipped" {
		t.Errorf("gunzipped %q", got)
	}
}

func TestBodyLimitAndLength(t *testing.T) {
	cfg := Config{MaxHeaderBytes: 1024, BodyLimit: 4, EncodedLimit: 1 << 20}
	c := run(t, cfg, []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789")}, false)
	last := c.events[len(c.events)-1].unit
	if got := buf(last, "http.response_body"); got != "0123" {
		t.Errorf("body %q", got)
	}
	if got := last.Fields["http"]["length"]; got != int64(10) {
		t.Errorf("length %v", got)
	}
	bomb := gz(strings.Repeat("A", 1<<20))
	c = run(t, cfg, []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s", len(bomb), bomb))}, false)
	if got := buf(c.events[len(c.events)-1].unit, "http.response_body"); got != "AAAA" {
		t.Errorf("bomb body %q", got)
	}
}

func TestFields(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req(simpleGET), resp("HTTP/1.1 301 Moved\r\nLocation: /new\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")}, false)
	want := map[string]any{"hostname": "example.com", "http_port": 8080, "url": "/index.html", "http_user_agent": "ua/1.0", "http_method": "GET",
		"protocol": "HTTP/1.1", "status": 301, "length": int64(2), "http_content_type": "text/plain", "redirect": "/new"}
	got := c.events[2].unit.Fields["http"]
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("fields\n got %v\nwant %v", got, want)
	}
	if _, ok := c.events[0].unit.Fields["http"]["status"]; ok {
		t.Error("request unit has a status")
	}
}

func TestErrors(t *testing.T) {
	p := NewParser(DefaultConfig(), func(*Tx, Stage) {})
	if err := p.Gap(inspect.ToServer, 5); err == nil {
		t.Error("gap in head: no error")
	}
	p = NewParser(DefaultConfig(), func(*Tx, Stage) {})
	if err := p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")); err == nil {
		t.Error("bad chunk: no error")
	}
	if err := p.Feed(inspect.ToClient, []byte("more")); err != nil {
		t.Errorf("dead side reported again: %v", err)
	}
}

func TestGapInBody(t *testing.T) {
	c := &collector{}
	p := NewParser(DefaultConfig(), c.emit)
	p.Feed(inspect.ToServer, []byte("POST / HTTP/1.1\r\nContent-Length: 6\r\n\r\nab"))
	if err := p.Gap(inspect.ToServer, 2); err != nil {
		t.Fatal(err)
	}
	p.Feed(inspect.ToServer, []byte("efGET /next HTTP/1.1\r\n\r\n"))
	if c.stages() != "0:reqh 0:reqb 1:reqh" {
		t.Fatalf("stages %q", c.stages())
	}
	if got := buf(c.events[1].unit, "http.request_body"); got != "abef" {
		t.Errorf("body %q", got)
	}
}

func TestNormalizeURI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/index.html", "/index.html"},
		{"/../a/b/../c/./d.html", "/a/c/d.html"},
		{"/a//b\\c", "/a/b/c"},
		{"/a%2fb%2F..%2Fc", "/a/c"},
		{"/p%41th?q=%41%zz%4&r=a+b", "/pAth?q=A%zz%4&r=a+b"},
		{"/x%00y", "/x\x00y"},
		{"/a/..", "/"},
		{"/a/.", "/a/"},
		{"*", "*"},
		{"http://host", "/"},
		{"https://h:1/p?x#f", "/p?x#f"},
		{"/q?a=/../b", "/q?a=/../b"},
	}
	for _, tc := range tests {
		if got := string(normalizeURI([]byte(tc.in))); got != tc.want {
			t.Errorf("normalizeURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Example.COM", "example.com"},
		{"example.com:8080", "example.com"},
		{"www.example.com.", "www.example.com"},
		{"user:pw@Host:1", "host"},
		{"[::1]:80", "[::1]"},
		{" h ", "h"},
	}
	for _, tc := range tests {
		if got := string(normalizeHost([]byte(tc.in))); got != tc.want {
			t.Errorf("normalizeHost(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		in          string
		match, more bool
	}{
		{"GET / HTTP/1.1", true, false},
		{"post /x", true, false},
		{"PROPFIND /", true, false},
		{"GE", false, true},
		{"GETX /", false, false},
		{"\x16\x03\x01", false, false},
		{"", false, true},
	}
	for _, tc := range tests {
		m, more := DetectRequest([]byte(tc.in))
		if m != tc.match || more != tc.more {
			t.Errorf("DetectRequest(%q) = %v, %v", tc.in, m, more)
		}
	}
	if m, _ := DetectResponse([]byte("HTTP/1.1 200 OK")); !m {
		t.Error("DetectResponse: status line not detected")
	}
	if m, more := DetectResponse([]byte("HTT")); m || !more {
		t.Error("DetectResponse: short prefix")
	}
}

func TestManyHeaders(t *testing.T) {
	var b strings.Builder
	b.WriteString("GET / HTTP/1.1\r\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "X-%d: v%d\r\n", i, i)
	}
	b.WriteString("x-20: again\r\nx-3: too\r\n\r\n")
	c := run(t, bigHeads(), []chunk{req(b.String())}, false)
	h := c.events[0].unit
	hdr := buf(h, "http.header")
	if !strings.Contains(hdr, "X-20: v20, again\r\n") || !strings.Contains(hdr, "X-3: v3, too\r\n") || strings.Count(hdr, "\r\n") != 3000 {
		t.Errorf("merged headers wrong: %d lines", strings.Count(hdr, "\r\n"))
	}
}

func TestPendingBound(t *testing.T) {
	var reqs strings.Builder
	for i := range maxPending + 10 {
		fmt.Fprintf(&reqs, "GET /%d HTTP/1.1\r\n\r\n", i)
	}
	c := run(t, DefaultConfig(), []chunk{req(reqs.String()), resp("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}, false)
	last := c.events[len(c.events)-1]
	if last.stage != ResponseHeaders || buf(last.unit, "http.uri") != "/10" {
		t.Errorf("response paired with %q", buf(last.unit, "http.uri"))
	}
}

func TestManyFoldedLines(t *testing.T) {
	head := "GET / HTTP/1.1\r\nX: a\r\n" + strings.Repeat(" b\r\n", 15000) + "Host: h\r\n\r\n"
	c := run(t, bigHeads(), []chunk{req(head)}, false)
	hdr := buf(c.events[0].unit, "http.header")
	if !strings.HasPrefix(hdr, "X: a b b") || !strings.HasSuffix(hdr, " b\r\nHost: h\r\n") || buf(c.events[0].unit, "http.header.raw") != head[len("GET / HTTP/1.1\r\n"):] {
		t.Errorf("folded header %q...", hdr[:20])
	}
}

// bigHeads lifts the head limits, for tests of parsing time on large heads.
func bigHeads() Config {
	cfg := DefaultConfig()
	cfg.MaxHeaderBytes, cfg.MaxHeaders = 1<<20, 1<<20
	return cfg
}

// TestResponseUnitCarriesRequestSide: a response unit has the response's
// two-way buffers under their names and the request's under
// ir.ToServerOf, for transactional rules.
func TestResponseUnitCarriesRequestSide(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{
		req("GET /d HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n"),
		resp("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
	}, true)
	var u *inspect.Unit
	for _, e := range c.events {
		if e.stage == ResponseHeaders {
			u = e.unit
		}
	}
	if u == nil {
		t.Fatalf("no response unit: %s", c.stages())
	}
	for name, want := range map[string]string{"http.connection": "close", ir.ToServerOf("http.connection"): "keep-alive", "http.uri": "/d"} {
		if b, ok := u.Buffer(name); !ok || string(b) != want {
			t.Errorf("%s = %q, want %q", name, b, want)
		}
	}
}
