package dns

import (
	"encoding/binary"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/inspect"
)

func message(t *testing.T, response bool, names ...string) []byte {
	t.Helper()
	d := &layers.DNS{ID: 0x1234, QR: response, RD: true}
	for _, n := range names {
		d.Questions = append(d.Questions, layers.DNSQuestion{Name: []byte(n), Type: layers.DNSTypeA, Class: layers.DNSClassIN})
		if response {
			d.Answers = append(d.Answers, layers.DNSResourceRecord{Name: []byte(n), Type: layers.DNSTypeA, Class: layers.DNSClassIN, TTL: 60, IP: []byte{1, 2, 3, 4}})
		}
	}
	buf := gopacket.NewSerializeBuffer()
	if err := d.SerializeTo(buf, gopacket.SerializeOptions{FixLengths: true}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestQueryUnits(t *testing.T) {
	var d Decoder
	m, err := d.Decode(message(t, false, "www.Example.com", "two.example"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	m.Units(inspect.ToServer, 0, func(u *inspect.Unit) {
		q, _ := u.Buffer("dns.query")
		r, _ := u.Buffer("dns.queries.rrname")
		if string(q) != string(r) || u.Dir != inspect.ToServer || u.Kind != inspect.KindApp {
			t.Errorf("unit %q %q %v", q, r, u.Dir)
		}
		f := u.Sections()["dns"]
		qs, _ := f["queries"].([]any)
		if f["type"] != "request" || f["version"] != 3 || f["id"] != uint16(0x1234) || f["tx_id"] != uint64(0) || len(qs) != 2 ||
			qs[1].(map[string]any)["rrname"] != "two.example" || qs[0].(map[string]any)["rrtype"] != "A" {
			t.Errorf("fields %v", f)
		}
		got = append(got, string(q))
	})
	if len(got) != 2 || got[0] != "www.Example.com" || got[1] != "two.example" {
		t.Errorf("queries %q", got)
	}
}

func TestAnswerUnits(t *testing.T) {
	var d Decoder
	m, err := d.Decode(message(t, true, "a.example"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var names []string
	m.Units(inspect.ToClient, 0, func(u *inspect.Unit) {
		if a, ok := u.Buffer("dns.answers.rrname"); ok {
			n++
			if string(a) != "a.example" {
				t.Errorf("answer %q", a)
			}
		}
		r, _ := u.Buffer("dns.response.rrname")
		names = append(names, string(r))
		if _, ok := u.Buffer("dns.query"); ok {
			t.Error("response unit has dns.query")
		}
		f := u.Sections()["dns"]
		ans, _ := f["answers"].([]any)
		if f["rcode"] != "NOERROR" || f["type"] != "response" || f["qr"] != true || f["flags"] != "8100" || len(ans) != 1 ||
			ans[0].(map[string]any)["rdata"] != "1.2.3.4" || ans[0].(map[string]any)["ttl"] != uint32(60) {
			t.Errorf("fields %v", f)
		}
		if rr := u.Codes["dns.rrtype"]; len(rr) != 1 || rr[0] != 1 {
			t.Errorf("rrtypes %v", rr)
		}
	})
	if n != 1 || len(names) != 2 || names[0] != "a.example" || names[1] != "a.example" {
		t.Errorf("%d answer units, response names %q (the query's, then the answer's)", n, names)
	}
	m.Answers, m.Rcode = nil, 3
	n = 0
	m.Units(inspect.ToClient, 0, func(u *inspect.Unit) {
		n++
		if _, ok := u.Buffer("dns.answers.rrname"); ok || u.Sections()["dns"]["rcode"] != "NXDOMAIN" {
			t.Errorf("response without answers: %v", u.Sections()["dns"])
		}
	})
	if n != 1 {
		t.Errorf("response without answers: %d units, want 1", n)
	}
}

func TestDecodeShort(t *testing.T) {
	var d Decoder
	if _, err := d.Decode(message(t, false, "probe.example")[:5]); err == nil {
		t.Error("Decode of 5 bytes: no error")
	}
}

func TestStream(t *testing.T) {
	a, b := message(t, false, "one.example"), message(t, false, "two.example")
	var wire []byte
	for _, m := range [][]byte{a, b} {
		wire = binary.BigEndian.AppendUint16(wire, uint16(len(m)))
		wire = append(wire, m...)
	}
	var s Stream
	var got [][]byte
	for i := range wire {
		s.Feed(wire[i:i+1], func(msg []byte, _ uint64) { got = append(got, append([]byte(nil), msg...)) })
	}
	if len(got) != 2 || string(got[0]) != string(a) || string(got[1]) != string(b) {
		t.Fatalf("got %d messages", len(got))
	}
	s.Feed(wire[:3], func([]byte, uint64) { t.Error("partial message delivered") })
	s.Reset()
	s.Feed(wire[:len(a)+2], func(msg []byte, _ uint64) {
		if string(msg) != string(a) {
			t.Error("message after reset")
		}
	})
}

func TestSectionNameUnits(t *testing.T) {
	m := &Message{
		Questions:   []Record{{Name: []byte("suricata.io"), Type: 2}},
		Authorities: []Record{{Name: []byte("io"), Type: 2, Target: []byte("a0.nic.io")}},
		Additionals: []Record{{Name: []byte("a0.nic.io"), Type: 1}, {Name: []byte("c0.nic.io"), Type: 1}},
	}
	collect := func(dir inspect.Dir) (auths, adds []string) {
		m.Units(dir, 0, func(u *inspect.Unit) {
			if b, ok := u.Buffer("dns.authorities.rrname"); ok {
				auths = append(auths, string(b))
			}
			if b, ok := u.Buffer("dns.additionals.rrname"); ok {
				adds = append(adds, string(b))
			}
		})
		return auths, adds
	}
	auths, adds := collect(inspect.ToClient)
	if len(auths) != 1 || auths[0] != "io" || len(adds) != 2 || adds[0] != "a0.nic.io" || adds[1] != "c0.nic.io" {
		t.Errorf("response: authorities %q additionals %q", auths, adds)
	}
	if auths, adds = collect(inspect.ToServer); auths != nil || adds != nil {
		t.Errorf("request: authorities %q additionals %q, want none (Suricata reads them from responses)", auths, adds)
	}
}
