package dns

import (
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// wire builds a message from a header and raw sections.
type wire struct{ b []byte }

func newWire(id, flags uint16, counts ...uint16) *wire {
	w := &wire{}
	w.u16(id)
	w.u16(flags)
	for _, c := range counts {
		w.u16(c)
	}
	return w
}

func (w *wire) u16(v uint16) *wire { w.b = binary.BigEndian.AppendUint16(w.b, v); return w }
func (w *wire) u32(v uint32) *wire { w.b = binary.BigEndian.AppendUint32(w.b, v); return w }

func (w *wire) name(n string) *wire {
	if n != "" {
		for _, l := range strings.Split(n, ".") {
			w.b = append(w.b, byte(len(l)))
			w.b = append(w.b, l...)
		}
	}
	w.b = append(w.b, 0)
	return w
}

func (w *wire) question(n string, typ uint16) *wire { return w.name(n).u16(typ).u16(1) }

// rr appends a resource record whose data is data.
func (w *wire) rr(n string, typ uint16, ttl uint32, data []byte) *wire {
	w.name(n).u16(typ).u16(1).u32(ttl).u16(uint16(len(data)))
	w.b = append(w.b, data...)
	return w
}

func encName(n string) []byte { return (&wire{}).name(n).b }

func record(t *testing.T, r map[string]any) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRDataKinds: the record types Suricata's parser decodes are logged
// as it logs them: every TXT string an answer, SRV, SSHFP, NULL bytes
// escaped, an SOA authority, IPv6 in full.
func TestRDataKinds(t *testing.T) {
	soa := append(encName("ns.example"), encName("host.example")...)
	soa = binary.BigEndian.AppendUint32(soa, 7)
	for _, v := range []uint32{7200, 900, 1209600, 86400} {
		soa = binary.BigEndian.AppendUint32(soa, v)
	}
	srv := append([]byte{0, 20, 0, 1, 0x13, 0xc4}, encName("sip.example")...)
	w := newWire(9, 0x8180, 1, 5, 1, 0).question("q.example", 16).
		rr("q.example", 16, 3, []byte("\x03abc\x00")).
		rr("q.example", 33, 60, srv).
		rr("q.example", 44, 60, []byte{1, 1, 0x19, 0x8c}).
		rr("q.example", 10, 0, []byte("VA\xc5\xe9")).
		rr("q.example", 28, 60, []byte{0x20, 1, 0xd, 0xb8, 15: 1}).
		rr("example", 6, 900, soa)
	m, err := (&Decoder{}).Decode(w.b)
	if err != nil {
		t.Fatal(err)
	}
	got := record(t, m.Record(0, true))
	for _, want := range []string{
		`"answers":[{"rdata":"abc","rrname":"q.example","rrtype":"TXT","ttl":3},{"rdata":"","rrname":"q.example","rrtype":"TXT","ttl":3},`,
		`{"rrname":"q.example","rrtype":"SRV","srv":{"name":"sip.example","port":5060,"priority":20,"weight":1},"ttl":60}`,
		`"sshfp":{"algo":1,"fingerprint":"19:8c","type":1}`,
		`"rdata":"VA\\xc5\\xe9","rrname":"q.example","rrtype":"NULL"`,
		`"rdata":"2001:0db8:0000:0000:0000:0000:0000:0001"`,
		`"authorities":[{"rrname":"example","rrtype":"SOA","soa":{"expire":1209600,"minimum":86400,"mname":"ns.example","refresh":7200,"retry":900,"rname":"host.example","serial":7},"ttl":900}]`,
		`"TXT":["abc",""]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("record lacks %s:\n%s", want, got)
		}
	}
}

// TestCorruptAdditionals: additionals that do not parse are left out
// and raise dns.invalid_additionals; the message is kept.
func TestCorruptAdditionals(t *testing.T) {
	w := newWire(1, 0x8180, 1, 1, 0, 1).question("s.example", 33).
		rr("s.example", 1, 60, []byte{1, 2, 3, 4})
	w.b = append(w.b, 0xc0) // a pointer cut short
	m, err := (&Decoder{}).Decode(w.b)
	if err != nil {
		t.Fatal(err)
	}
	if !m.InvalidAdditionals || len(m.Answers) != 1 || len(m.Additionals) != 0 {
		t.Fatalf("message %+v", m)
	}
	var events []string
	m.Units(inspect.ToClient, 0, func(u *inspect.Unit) { events = u.Events })
	if len(events) != 1 || events[0] != "dns.invalid_additionals" {
		t.Errorf("events %v", events)
	}
}

// TestBuffersBothWays: a request's answers and a response's questions
// are inspected as Suricata 8 does; dns.query is the request's only.
func TestBuffersBothWays(t *testing.T) {
	w := newWire(0, 0x0100, 1, 1, 0, 0).question("oisf.net", 1).rr("oisf.net", 1, 60, []byte{10, 10, 10, 10})
	m, err := (&Decoder{}).Decode(w.b)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		first := true
		m.Units(d, 0, func(u *inspect.Unit) {
			if !first {
				return
			}
			first = false
			a, _ := u.Buffer("dns.answers.rrname")
			q, _ := u.Buffer("dns.queries.rrname")
			_, query := u.Buffer("dns.query")
			if string(a) != "oisf.net" || string(q) != "oisf.net" || query != (d == inspect.ToServer) {
				t.Errorf("%v: answers %q queries %q dns.query %v", d, a, q, query)
			}
		})
	}
}

// TestLogConfig: an eve-log dns output's requests, responses, types and
// formats choose the records and their fields.
func TestLogConfig(t *testing.T) {
	q := newWire(1, 0x0100, 1, 0, 0, 0).question("mx.example", 15)
	r := newWire(1, 0x8180, 1, 1, 0, 0).question("mx.example", 15).rr("mx.example", 15, 60, append([]byte{0, 10}, encName("mail.example")...))
	a := newWire(2, 0x0100, 1, 0, 0, 0).question("a.example", 1)
	var d Decoder
	dec := func(w *wire) *Message {
		m, err := d.Decode(w.b)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	mq, mr, ma := dec(q), dec(r), dec(a)
	cfg := LogConfigFrom(map[string]any{"requests": "no", "types": []any{"mx"}, "formats": []any{"grouped"}}, "")
	if mq.RecordV3(0, false, cfg) != nil || ma.RecordV3(0, false, cfg) != nil {
		t.Error("requests: no wrote a request")
	}
	rec := mr.RecordV3(0, true, cfg)
	if rec == nil || rec["answers"] != nil || rec["grouped"] == nil {
		t.Errorf("grouped-only response: %v", rec)
	}
	if ma.RecordV3(0, true, cfg) != nil {
		t.Error("types [mx] wrote an A message")
	}
	v2 := LogConfigFrom(map[string]any{"version": 2, "responses": false, "types": []any{"A"}}, "")
	if v2.Version != 2 || len(ma.RecordsV2(0, false, v2)) != 1 || len(mq.RecordsV2(0, false, v2)) != 0 || len(mr.RecordsV2(0, true, v2)) != 0 {
		t.Errorf("version 2 with types [A] and no responses: %+v", v2)
	}
	if LogConfigFrom(nil, "2").Version != 2 || LogConfigFrom(map[string]any{"version": 3}, "2").Version == 2 {
		t.Error("version from the environment when the entry has none")
	}
}
