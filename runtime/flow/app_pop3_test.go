package flow

import (
	"reflect"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestPOP3Flow: on port 110 the server's greeting makes the flow POP3
// (Suricata's probing parser) and the client's "USER " is POP3 too, not
// FTP; each transaction gives units with its pop3 section and events,
// and one pop3 record once complete; a transaction left without its
// response is written at the flow's end.
func TestPOP3Flow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	var recs []map[string]any
	tr.OnRecord(func(u *inspect.Unit) {
		if u.RecordType() == "pop3" {
			recs = append(recs, u.Sections()["pop3"])
		}
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 110)
	feed(t, tr, concat(c.handshake(),
		c.s2c("+OK POP3 ready\r\n"), c.c2s("USER test\r\n"), c.s2c("+OK\r\n"),
		c.c2s("LIST\r\n"), c.s2c("+OK 1 10\r\n"), c.s2c("1 10\r\n.\r\n"),
		c.c2s("XSTAT\r\n"), c.s2c("-ERR unknown\r\n"), c.c2s("QUIT\r\n"))...)
	tr.Flush()
	f := s.units[0].flow
	if f.App != "pop3" || f.AppDir != [3]string{inspect.ToServer: "pop3", inspect.ToClient: "pop3"} {
		t.Fatalf("app %q dirs %q", f.App, f.AppDir)
	}
	var events []string
	for _, u := range s.of(inspect.KindApp) {
		events = append(events, u.events...)
	}
	if !reflect.DeepEqual(events, []string{"pop3.unknown_command", "pop3.unknown_command"}) {
		t.Errorf("events %v", events)
	}
	if len(recs) != 5 {
		t.Fatalf("%d pop3 records: %v", len(recs), recs)
	}
	list := recs[2]["response"].(map[string]any)
	if !reflect.DeepEqual(list["data"], []any{"1 10"}) || list["header"] != "1 10" {
		t.Errorf("LIST record %v", recs[2])
	}
	if _, answered := recs[4]["response"]; answered || recs[4]["request"].(map[string]any)["command"] != "QUIT" {
		t.Errorf("last record %v", recs[4])
	}
}

// TestPOP3DetectionPort: POP3 is probed on port 110 only; elsewhere a
// "+OK" greeting is no protocol, and the client's "USER " makes the
// flow FTP, as Suricata's FTP pattern does when the server's side is
// not POP3.
func TestPOP3DetectionPort(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 2110)
	feed(t, tr, concat(c.handshake(), c.s2c("+OK POP3 ready\r\n"), c.c2s("USER test\r\n"), c.s2c("+OK\r\n"))...)
	tr.Flush()
	if app := s.units[0].flow.App; app != "ftp" {
		t.Errorf("app %q, want ftp", app)
	}
	tr, s = newTracker(DefaultConfig())
	c = newConn("10.0.0.1", "10.0.0.2", 40000, 110)
	feed(t, tr, concat(c.handshake(), c.c2s("CAPA\r\n"), c.s2c("+OK\r\nTOP\r\n.\r\n"))...)
	tr.Flush()
	if app := s.units[0].flow.App; app != "pop3" {
		t.Errorf("client first: app %q, want pop3", app)
	}
}
