package match

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// gunzip decompresses up to max-size (1024 by default); what is not gzip
// gives an empty buffer.
func TestGunzip(t *testing.T) {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte("This is compressed then base64-encoded\n" + strings.Repeat("x", 2000)))
	w.Close()
	f, _ := gunzip("")
	if got := f(buf.Bytes()); len(got) != 1024 || !strings.HasPrefix(string(got), "This is compressed") {
		t.Errorf("default limit: %d bytes %q...", len(got), got[:min(len(got), 20)])
	}
	f, _ = gunzip("max-size 8")
	if got := f(buf.Bytes()); string(got) != "This is " {
		t.Errorf("max-size 8 = %q", got)
	}
	if got := f([]byte("not compressed")); len(got) != 0 {
		t.Errorf("garbage gave %q", got)
	}
	if _, err := gunzip("max-size 0"); err == nil {
		t.Error("max-size 0 accepted")
	}
}
