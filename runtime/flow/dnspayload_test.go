package flow

import (
	"encoding/binary"
	"testing"
)

// TestUDPDNSUnitCarriesPayload: the DNS transaction unit of a UDP packet
// has the packet's payload too, so a rule that matches both (content at
// an offset, then dns.query) holds on one unit as in Suricata; over TCP
// the payload is the stream's, not the transaction's.
func TestUDPDNSUnitCarriesPayload(t *testing.T) {
	q := dnsQuery(t, "drivres-update.info")
	tr, s := newTracker(DefaultConfig())
	feed(t, tr, udp("10.0.0.1", "10.0.0.53", 1030, 53, q))
	us := s.withBuffer("dns.query")
	if len(us) != 1 || us[0].buffers["payload"] != string(q) {
		t.Fatalf("dns units %v", us)
	}
	tr, s = newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.53", 40000, 53)
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s(string(binary.BigEndian.AppendUint16(nil, uint16(len(q))))+string(q)))
	tr.Flush()
	for _, u := range s.withBuffer("dns.query") {
		if _, ok := u.buffers["payload"]; ok {
			t.Errorf("TCP DNS unit with a payload buffer")
		}
	}
	if len(s.withBuffer("dns.query")) == 0 {
		t.Error("no TCP DNS unit")
	}
}
