package http2

import (
	"bytes"
	"testing"

	"golang.org/x/net/http2/hpack"
)

// The HTTP buffers of an HTTP/2 stream, as Suricata fills them: the
// first :method and :path, the request line, the :authority raw and
// normalized (userinfo and port dropped, lower case), user agents
// joined; to client the first :status, the response line and an empty
// status message; both ways the protocol, the header names (with the
// pseudo-headers and an empty one per table size update), the headers
// (all, raw; without cookie/set-cookie and with trimmed values,
// normalized) and single headers by name (joined).
func TestBuffers(t *testing.T) {
	p := NewParser()
	var cb, sb bytes.Buffer
	ce, se := hpack.NewEncoder(&cb), hpack.NewEncoder(&sb)
	req := block(ce, &cb, ":method", "POST", ":path", "/a?b", ":authority", "User@WWW.Example.com:8443", "user-agent", "a", "user-agent", "b",
		"cookie", "c=1", "accept", " x/y\t")
	p.Feed(true, append([]byte(Preface), frame(TypeHeaders, flagEndHeaders, 1, req)...))
	se.SetMaxDynamicTableSizeLimit(4096)
	se.SetMaxDynamicTableSize(1024)
	resp := block(se, &sb, ":status", "404", "server", "s1", "set-cookie", "k=v")
	txs := p.Feed(false, frame(TypeHeaders, flagEndHeaders|flagEndStream, 1, resp))
	for d, want := range []map[string]string{{
		"http.method": "POST", "http.uri": "/a?b", "http.uri.raw": "/a?b",
		"http.request_line": "POST /a?b HTTP/2\r\n", "http.host.raw": "User@WWW.Example.com:8443", "http.host": "www.example.com",
		"http.user_agent": "a, b", "http.protocol": "HTTP/2", "http.accept": " x/y\t",
		"http.header_names": "\r\n:method\r\n:path\r\n:authority\r\nuser-agent\r\nuser-agent\r\ncookie\r\naccept\r\n\r\n",
		"http.header":       ":method: POST\r\n:path: /a?b\r\n:authority: User@WWW.Example.com:8443\r\nuser-agent: a\r\nuser-agent: b\r\naccept: x/y\r\n",
		"http.header.raw":   ":method: POST\r\n:path: /a?b\r\n:authority: User@WWW.Example.com:8443\r\nuser-agent: a\r\nuser-agent: b\r\ncookie: c=1\r\naccept:  x/y\t\r\n",
	}, {
		"http.stat_code": "404", "http.response_line": "HTTP/2 404\r\n", "http.stat_msg": "", "http.protocol": "HTTP/2",
		"http.server":       "s1",
		"http.header_names": "\r\n\r\n:status\r\nserver\r\nset-cookie\r\n\r\n",
		"http.header":       ": \r\n:status: 404\r\nserver: s1\r\n",
		"http.header.raw":   ": \r\n:status: 404\r\nserver: s1\r\nset-cookie: k=v\r\n",
	}} {
		got := map[string]string{}
		for _, b := range Buffers(txs[0], d == 0) {
			got[b.Name] = string(b.Value)
		}
		if len(got) != len(want) {
			t.Errorf("direction %d: buffers %q", d, got)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("direction %d: %s = %q, want %q", d, k, got[k], v)
			}
		}
	}
}
