package flow

import (
	"encoding/binary"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/inspect"
)

func dnsResponse(t testing.TB, id uint16, name string) []byte {
	t.Helper()
	d := &layers.DNS{ID: id, QR: true, RD: true, RA: true,
		Questions: []layers.DNSQuestion{{Name: []byte(name), Type: layers.DNSTypeA, Class: layers.DNSClassIN}},
		Answers:   []layers.DNSResourceRecord{{Name: []byte(name), Type: layers.DNSTypeA, Class: layers.DNSClassIN, TTL: 60, IP: []byte{192, 0, 2, 1}}}}
	buf := gopacket.NewSerializeBuffer()
	if err := d.SerializeTo(buf, gopacket.SerializeOptions{FixLengths: true}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dnsRecords collects the dns records a tracker writes.
func dnsRecords(tr *Tracker) *[]map[string]any {
	var out []map[string]any
	tr.OnRecord(func(u *inspect.Unit) {
		if r := u.Sections()["dns"]; r != nil {
			out = append(out, r)
		}
	})
	return &out
}

// TestDNSTransactionPerMessage: each message is a transaction, as in
// Suricata 8 (tx_id 0, 1, 2 for a query, its response and the next
// query); the response takes its request's transaction for config.
func TestDNSTransactionPerMessage(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	recs := dnsRecords(tr)
	var configTx []uint64
	tr.OnRecord(func(u *inspect.Unit) {
		*recs = append(*recs, u.Sections()["dns"])
		configTx = append(configTx, u.ConfigTx)
	})
	feed(t, tr, udp("10.0.0.1", "10.0.0.53", 33333, 53, dnsQuery(t, "a.example")),
		udp("10.0.0.53", "10.0.0.1", 53, 33333, dnsResponse(t, 7, "a.example")),
		udp("10.0.0.1", "10.0.0.53", 33333, 53, dnsQuery(t, "b.example")))
	var txs []uint64
	for _, u := range s.of(inspect.KindApp) {
		if len(txs) == 0 || txs[len(txs)-1] != u.tx {
			txs = append(txs, u.tx)
		}
	}
	if len(txs) != 3 || txs[0] != 1 || txs[1] != 2 || txs[2] != 3 {
		t.Errorf("transactions %v, want 1 2 3", txs)
	}
	if len(*recs) != 3 {
		t.Fatalf("records %v", *recs)
	}
	for i, want := range []string{"request", "response", "request"} {
		if r := (*recs)[i]; r["type"] != want || r["tx_id"] != uint64(i) {
			t.Errorf("record %d: %v", i, r)
		}
	}
	if configTx[1] != 1 || configTx[0] != 0 || configTx[2] != 0 {
		t.Errorf("config transactions %v, want the response's to be its request's", configTx)
	}
}

// TestDNSResponseFirstReverses: a UDP flow whose first datagram is a
// DNS response from port 53 is turned around, as Suricata's probe does:
// the receiver is the client, the response goes to it, the Ethernet
// addresses follow the sides.
func TestDNSResponseFirstReverses(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MACs = true
	tr, s := newTracker(cfg)
	feed(t, tr, udp("10.16.1.1", "10.16.1.11", 53, 41805, dnsResponse(t, 9, "r.example")))
	apps := s.of(inspect.KindApp)
	if len(apps) == 0 {
		t.Fatal("no app unit")
	}
	f := apps[0].flow
	if apps[0].dir != inspect.ToClient || f.Client.String() != "10.16.1.11" || f.ServerPort != 53 || f.App != "dns" {
		t.Errorf("unit %v, flow %s:%d -> %s:%d", apps[0].dir, f.Client, f.ClientPort, f.Server, f.ServerPort)
	}
	if f.Pkts[inspect.ToClient] != 1 || f.Pkts[inspect.ToServer] != 0 {
		t.Errorf("packets %v", f.Pkts)
	}
	if len(f.MACs[inspect.ToServer]) != 1 || f.MACs[inspect.ToServer][0][5] != 2 || f.MACs[inspect.ToClient][0][5] != 1 {
		t.Errorf("client side MACs %v, server side %v: want the frame's destination on the client's", f.MACs[inspect.ToServer], f.MACs[inspect.ToClient])
	}
	if apps[0].fields["dns"]["type"] != "response" {
		t.Errorf("record %v", apps[0].fields["dns"])
	}
}

// TestDNSTCPResponseFirstReverses: picked up midstream, a TCP flow whose
// first data is a DNS response going to port 53's peer is reversed.
func TestDNSTCPResponseFirstReverses(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Midstream = true
	tr, s := newTracker(cfg)
	msg := dnsResponse(t, 3, "t.example")
	wire := binary.BigEndian.AppendUint16(nil, uint16(len(msg)))
	c := newConn("8.8.4.4", "10.16.1.11", 53, 38195)
	feed(t, tr, c.c2s(string(append(wire, msg...))), c.frame(false, ack, c.sseq, c.cseq, ""))
	tr.Flush() // the response is inspected with the flow's end: no packet went to the client since
	apps := s.of(inspect.KindApp)
	if len(apps) == 0 || apps[0].dir != inspect.ToClient || apps[0].flow.Client.String() != "10.16.1.11" {
		t.Fatalf("app units %+v", apps)
	}
}

// TestDNSLogConfigRecords: the dns output's settings choose the records
// the tracker writes (here: responses only).
func TestDNSLogConfigRecords(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DNSLog.NoRequests = true
	tr, _ := newTracker(cfg)
	recs := dnsRecords(tr)
	feed(t, tr, udp("10.0.0.1", "10.0.0.53", 33333, 53, dnsQuery(t, "a.example")),
		udp("10.0.0.53", "10.0.0.1", 53, 33333, dnsResponse(t, 7, "a.example")))
	if len(*recs) != 1 || (*recs)[0]["type"] != "response" {
		t.Errorf("records %v, want the response only", *recs)
	}
}
