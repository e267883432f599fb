package http2

import (
	"bytes"
	"testing"

	"golang.org/x/net/http2/hpack"
)

// The HTTP buffers of an HTTP/2 stream, as Suricata fills them: the
// first :method and :path, the request line, the :authority raw and
// normalized (userinfo and port dropped, lower case), user agents
// joined; to client the first :status and the response line.
func TestBuffers(t *testing.T) {
	p := NewParser()
	var cb, sb bytes.Buffer
	ce, se := hpack.NewEncoder(&cb), hpack.NewEncoder(&sb)
	req := block(ce, &cb, ":method", "POST", ":path", "/a?b", ":authority", "User@WWW.Example.com:8443", "user-agent", "a", "user-agent", "b")
	p.Feed(true, append([]byte(Preface), frame(TypeHeaders, flagEndHeaders, 1, req)...))
	txs := p.Feed(false, frame(TypeHeaders, flagEndHeaders|flagEndStream, 1, block(se, &sb, ":status", "404")))
	got := map[string]string{}
	for _, b := range append(Buffers(txs[0], true), Buffers(txs[0], false)...) {
		got[b.Name] = string(b.Value)
	}
	want := map[string]string{"http.method": "POST", "http.uri": "/a?b", "http.uri.raw": "/a?b",
		"http.request_line": "POST /a?b HTTP/2\r\n", "http.host.raw": "User@WWW.Example.com:8443", "http.host": "www.example.com",
		"http.user_agent": "a, b", "http.stat_code": "404", "http.response_line": "HTTP/2 404\r\n"}
	if len(got) != len(want) {
		t.Errorf("buffers %q", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}
