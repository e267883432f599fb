package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestIMAPDetection: Suricata 8 detects IMAP by pattern on any port: a
// server greeting or untagged response ("* OK ", any case), or a client
// command " CAPABILITY" ending within the first 17 bytes; the flow's
// app_proto is imap (detection only, no transactions).
func TestIMAPDetection(t *testing.T) {
	for _, c := range []struct {
		name       string
		srv, cli   string
		port       uint16
		want, dirs string
	}{
		{"greeting", "* OK IMAP4rev1 ready\r\n", "a1 LOGIN u p\r\n", 143, "imap", "imap"},
		{"greeting any case any port", "* ok hi\r\n", "a1 NOOP\r\n", 9000, "imap", "imap"},
		{"capability first", "", "a0000 capability\r\n", 9000, "imap", ""},
		{"capability too deep", "", "abcdefghij CAPABILITY\r\n", 9000, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, s := newTracker(DefaultConfig())
			conn := newConn("10.0.0.1", "10.0.0.2", 40000, c.port)
			var frames []any
			frames = append(frames, conn.handshake())
			if c.srv != "" {
				frames = append(frames, conn.s2c(c.srv))
			}
			frames = append(frames, conn.c2s(c.cli), conn.s2c("a1 OK done\r\n"), conn.c2s("a2 LOGOUT\r\n"))
			feed(t, tr, concat(frames...)...)
			tr.Flush()
			f := s.units[0].flow
			if got := f.App; got != c.want {
				t.Fatalf("app_proto %q, want %q", got, c.want)
			}
			if c.dirs != "" && (f.AppDir[inspect.ToServer] != c.dirs || f.AppDir[inspect.ToClient] != c.dirs) {
				t.Errorf("directions %q", f.AppDir)
			}
			if n := len(s.of(inspect.KindApp)); n != 0 {
				t.Errorf("%d app units, IMAP is detection only", n)
			}
		})
	}
	for _, c := range []struct {
		data     string
		ok, more bool
	}{
		{"a0000 CAPABILITY\r\n", true, false}, {"a0000 CAPAB", false, true}, {"a0000", false, true},
		{"abcdefg CAPABILITY", false, false}, {"abcdefghijklmnopq", false, false},
	} {
		if ok, more := imapDetect(inspect.ToServer, []byte(c.data)); ok != c.ok || more != c.more {
			t.Errorf("client %q: %v %v", c.data, ok, more)
		}
	}
	for _, c := range []struct {
		data     string
		ok, more bool
	}{
		{"* BAD x", true, false}, {"* ESEARCH (TAG", true, false}, {"* ESE", false, true}, {"+OK POP3", false, false},
	} {
		if ok, more := imapDetect(inspect.ToClient, []byte(c.data)); ok != c.ok || more != c.more {
			t.Errorf("server %q: %v %v", c.data, ok, more)
		}
	}
}
