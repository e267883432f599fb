package waf_test

import (
	"runtime"
	"strings"
	"testing"
)

func multipartRequest(file string) request {
	return request{method: "POST", uri: "/up",
		headers: [][2]string{{"Content-Type", "multipart/form-data; boundary=b"}},
		body: "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n" + file +
			"\r\n--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--b--\r\n"}
}

// A multipart body is parsed where the transaction buffered it: unless
// REQUEST_BODY is filled, no copy of the body is made.
func TestMultipartBodyNotCopied(t *testing.T) {
	w := newWAF(t, `SecRule FILES "@streq x.bin" "id:1,phase:2,pass,log"`, detect)
	req := multipartRequest(strings.Repeat("z", 256<<10))
	tx := run(w, req)
	if _, ok := find(tx, 1); !ok {
		t.Fatalf("rule 1 did not match: %v", matched(tx))
	}
	tx.Close()
	const n = 8
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		run(w, req).Close()
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 64<<10 {
		t.Errorf("%d bytes allocated per transaction with a 256 KiB body, want under 64 KiB", per)
	}
}

// REQUEST_BODY forced on for a multipart body is a copy: what a match
// recorded from it stays when the pooled transaction takes the next body.
func TestForcedRequestBodyOutlivesTransaction(t *testing.T) {
	w := newWAF(t, `SecRule REQUEST_HEADERS:Content-Type "@rx multipart" "id:1,phase:1,pass,nolog,ctl:forceRequestBodyVariable=on"
SecRule REQUEST_BODY "@rx ." "id:2,phase:2,pass,log,logdata:'%{REQUEST_BODY}'"`, detect)
	first := multipartRequest("first file")
	tx := run(w, first)
	m, ok := find(tx, 2)
	tx.Close()
	if !ok {
		t.Fatal("rule 2 did not match")
	}
	run(w, multipartRequest(strings.Repeat("#", len("first file")))).Close()
	if m.Data != first.body || m.MatchedVar != first.body {
		t.Errorf("data %q matched %q, want the first body %q", m.Data, m.MatchedVar, first.body)
	}
}
