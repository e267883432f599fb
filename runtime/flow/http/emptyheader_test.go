package http

import "testing"

// A header sent with an empty value gives its buffer, empty (Suricata
// inspects it: bsize:0 matches); an absent header gives none.
func TestEmptyHeaderBuffer(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent:\r\nAccept: \r\n\r\n")}, false)
	u := c.events[0].unit
	for _, name := range []string{"http.user_agent", "http.accept"} {
		if b, ok := u.Buffer(name); !ok || len(b) != 0 {
			t.Errorf("%s: %q, %v; want present and empty", name, b, ok)
		}
	}
	if _, ok := u.Buffer("http.referer"); ok {
		t.Error("http.referer present without a Referer header")
	}
}
