package flow

import (
	"bytes"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
	"golang.org/x/net/http2/hpack"
)

func h2frame(ftype, flags uint8, sid uint32, body []byte) string {
	n := len(body)
	b := []byte{byte(n >> 16), byte(n >> 8), byte(n), ftype, flags, byte(sid >> 24), byte(sid >> 16), byte(sid >> 8), byte(sid)}
	return string(append(b, body...))
}

func h2block(kv ...string) []byte {
	var buf bytes.Buffer
	enc := hpack.NewEncoder(&buf)
	for i := 0; i < len(kv); i += 2 {
		enc.WriteField(hpack.HeaderField{Name: kv[i], Value: kv[i+1]})
	}
	return buf.Bytes()
}

// TestHTTP2Flow: a server's SETTINGS before the client's preface (on a
// port HTTP/2 is not probed on) waits for the preface that detects the
// flow; as Suricata, the direction whose data came first is parsed first
// (its transaction is tx 0) and, in IDS mode, the records of both are
// written on the server's packet that acknowledges the preface.
func TestHTTP2Flow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	type rec struct {
		tx      uint64
		logType string
		pkt     []byte
		http    map[string]any
	}
	var recs []rec
	tr.OnRecord(func(u *inspect.Unit) {
		var frame []byte
		if u.Packet != nil {
			frame = bytes.Clone(u.Packet.Frame)
		}
		recs = append(recs, rec{u.Tx, u.LogType, frame, u.Sections()["http"]})
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 3000)
	settings := []byte{0, 3, 0, 0, 0, 100}
	frames := concat(c.handshake(), c.s2c(h2frame(4, 0, 0, settings)), c.c2s("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"+h2frame(4, 0, 0, settings)))
	feed(t, tr, frames...)
	if len(recs) != 0 {
		t.Fatalf("records before the server's acknowledgement: %d", len(recs))
	}
	serverAck := c.frame(false, ack, c.sseq, c.cseq, "")
	feed(t, tr, serverAck)
	if len(recs) != 2 || recs[0].tx != 1 || recs[1].tx != 2 || recs[0].logType != "http2" {
		t.Fatalf("records %+v", recs)
	}
	if !bytes.Equal(recs[0].pkt, serverAck) || !bytes.Equal(recs[1].pkt, serverAck) {
		t.Error("records not written on the server's acknowledgement")
	}
	if _, ok := recs[0].http["http2"].(map[string]any)["response"]; !ok {
		t.Errorf("tx 0 is not the server's SETTINGS: %v", recs[0].http)
	}
	if f := s.units[0].flow; f.App != "http2" {
		t.Errorf("app %q", f.App)
	}
}

// TestDoH2Flow: a POST carrying application/dns-message and its answer
// make the flow doh2 (app_proto_orig http2); the transaction's record is
// a dns event (types doh2) with the answer's dns section and the http
// one.
func TestDoH2Flow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	var recs []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) { recs = append(recs, u) })
	q := dnsQuery(t, "example.com")
	a := bytes.Clone(q)
	a[2] |= 0x80 // QR: a response
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	req := h2block(":method", "POST", ":path", "/dns-query", ":authority", "dns.example", "content-type", "application/dns-message")
	resp := h2block(":status", "200", "content-type", "application/dns-message")
	feed(t, tr, concat(c.handshake(),
		c.c2s("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"+h2frame(1, 4, 1, req)+h2frame(0, 1, 1, q)),
		c.s2c(h2frame(1, 4, 1, resp)+h2frame(0, 1, 1, a)), c.c2s(""))...)
	f := s.units[0].flow
	if f.App != "doh2" || f.AppOrig != "http2" || f.AppDir[inspect.ToServer] != "doh2" {
		t.Fatalf("app %q orig %q dirs %q", f.App, f.AppOrig, f.AppDir)
	}
	var dns *inspect.Unit
	for _, u := range recs {
		if u.RecordType() == "dns" {
			dns = u
		}
	}
	if dns == nil || dns.LogType != "doh2" || dns.Sections()["dns"]["type"] != "response" || dns.Sections()["http"]["http_method"] != "POST" {
		t.Fatalf("dns record %+v", dns)
	}
}
