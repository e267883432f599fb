package flow

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// smtpStartTLS is an SMTP session up to its STARTTLS accepted.
func smtpStartTLS(c *conn) [][]byte {
	return concat(c.handshake(), c.s2c("220 mx.example.com ESMTP\r\n"), c.c2s("EHLO client.example\r\n"),
		c.s2c("250 mx\r\n"), c.c2s("STARTTLS\r\n"), c.s2c("220 go ahead\r\n"), c.cAck())
}

// TestStartTLSChange: after STARTTLS is accepted, detection runs again:
// TLS is parsed (its hello inspected), the flow's protocol is tls and
// its original smtp, and no app-layer packet event is raised.
func TestStartTLSChange(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	feed(t, tr, smtpStartTLS(c)...)
	feed(t, tr, c.c2s(string(clientHello("mail.example"))), c.s2c(""), c.c2s(""))
	hellos := s.withBuffer("tls.sni")
	if len(hellos) != 1 || hellos[0].buffers["tls.sni"] != "mail.example" || hellos[0].flow.App != "tls" || hellos[0].flow.AppOrig != "smtp" {
		t.Fatalf("hello units %+v", hellos)
	}
	for _, u := range s.of(inspect.KindPacket) {
		if u.packet.AppEvents != 0 {
			t.Errorf("packet with app-layer events %b", u.packet.AppEvents)
		}
	}
}

// TestStartTLSNoTLS: HTTP after an accepted STARTTLS raises
// applayer_unexpected_protocol and applayer_no_tls_after_starttls on a
// packet, and the HTTP upgrade its first response asks for, during the
// change, is refused: http.failed_protocol_change on its transaction.
func TestStartTLSNoTLS(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	feed(t, tr, smtpStartTLS(c)...)
	feed(t, tr, c.s2c("HTTP/1.1 101 Switching\r\nUpgrade: h2c\r\n\r\n"), c.c2s(""), c.s2c(""))
	n := 0
	for _, u := range s.of(inspect.KindPacket) {
		if ev := u.packet.AppEvents; ev != 0 {
			n++
			if !ev.Has(inspect.AppUnexpectedProtocol) || !ev.Has(inspect.AppNoTLSAfterStartTLS) {
				t.Errorf("packet events %b", ev)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d packets with app-layer events, want 1", n)
	}
	var refused [3]int
	for _, u := range s.of(inspect.KindApp) {
		if u.app == "http" && slices.Contains(u.events, http.EventFailedProtocolChange) {
			refused[u.dir]++
		}
	}
	if refused[inspect.ToClient] != 1 {
		t.Error("no response unit with failed_protocol_change")
	}
	if refused[inspect.ToServer] != 1 {
		t.Error("the request side of the response's transaction was not inspected after the response")
	}
}

// TestResponseWithoutRequest: a response without request gets a
// transaction whose request libhtp takes as complete with the URI
// "/libhtp::request_uri_not_seen"; Suricata inspects that request side
// on the client's next packet (IDS mode), after the response.
func TestResponseWithoutRequest(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.s2c("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n"), c.c2s(""), c.s2c(""))...)
	var got []string
	for _, u := range s.of(inspect.KindApp) {
		got = append(got, fmt.Sprintf("%d:%d:%s:%v", u.tx, u.dir, u.buffers["http.uri"], u.packet.Src == c.cli))
	}
	// the client's packet acknowledging the response inspects the
	// request side; the server's next one the response
	if want := []string{"1:1:/libhtp::request_uri_not_seen:true", "1:2:/libhtp::request_uri_not_seen:false"}; !slices.Equal(got, want) {
		t.Errorf("http units %q, want %q", got, want)
	}
}

// TestUpgradeNoChangeUnderWay: outside a protocol change, a 101 upgrade
// raises no failed_protocol_change.
func TestUpgradeNoChangeUnderWay(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n\r\n"),
		c.s2c("HTTP/1.1 101 Switching\r\nUpgrade: h2c\r\n\r\n"), c.c2s(""))...)
	for _, u := range s.of(inspect.KindApp) {
		if slices.Contains(u.events, http.EventFailedProtocolChange) {
			t.Errorf("unit %+v has failed_protocol_change", u)
		}
	}
}
