package dns

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/inspect"
)

// Record is a question or an answer.
type Record struct {
	Name   []byte
	Type   layers.DNSType
	TTL    uint32 // answers
	Data   string // answers: the data as Suricata writes it, "" for types it does not
	Target []byte // answers and authorities: the name in the data (CNAME, NS, PTR, MX, SOA), if any
}

// Message is one decoded DNS message.
type Message struct {
	ID        uint16
	Response  bool
	Opcode    uint8
	Rcode     uint8
	Flags     uint16 // the header's flags word
	Questions []Record
	Answers   []Record
	// Authorities are the authority section's records.
	Authorities []Record
}

// Decoder decodes messages; it reuses its gopacket layer between calls.
type Decoder struct {
	layer layers.DNS
}

// Decode parses one message. Names are copied; b is not retained.
func (d *Decoder) Decode(b []byte) (*Message, error) {
	if err := d.layer.DecodeFromBytes(b, gopacket.NilDecodeFeedback); err != nil {
		return nil, fmt.Errorf("dns: %w", err)
	}
	l := &d.layer
	m := &Message{ID: l.ID, Response: l.QR, Opcode: uint8(l.OpCode), Rcode: uint8(l.ResponseCode)}
	if len(b) >= 4 {
		m.Flags = binary.BigEndian.Uint16(b[2:])
	}
	for _, q := range l.Questions {
		m.Questions = append(m.Questions, Record{Name: bytes.Clone(q.Name), Type: q.Type})
	}
	for i := range l.Answers {
		a := &l.Answers[i]
		m.Answers = append(m.Answers, Record{Name: bytes.Clone(a.Name), Type: a.Type, TTL: a.TTL, Data: rdata(a), Target: target(a)})
	}
	for i := range l.Authorities {
		a := &l.Authorities[i]
		m.Authorities = append(m.Authorities, Record{Name: bytes.Clone(a.Name), Type: a.Type, TTL: a.TTL, Data: rdata(a), Target: target(a)})
	}
	return m, nil
}

// Probe reports whether a datagram on a port other than 53 is a DNS
// query: a standard query header with one to four questions, no answer
// or authority records, that decodes without error.
func (d *Decoder) Probe(b []byte) bool {
	if len(b) < 12 || b[2]&0x80 != 0 || b[2]&0x78 != 0 {
		return false
	}
	qd := binary.BigEndian.Uint16(b[4:])
	if qd == 0 || qd > 4 || binary.BigEndian.Uint16(b[6:]) != 0 || binary.BigEndian.Uint16(b[8:]) != 0 {
		return false
	}
	_, err := d.Decode(b)
	return err == nil
}

// Units calls fn with one unit per question (queries) or per answer
// (responses; one unit for a response without answers), filled for dir,
// each with the message's EVE record for transaction txID; the caller
// sets time, flow and packet.
func (m *Message) Units(dir inspect.Dir, txID uint64, fn func(*inspect.Unit)) {
	var rec map[string]any
	record := func() map[string]any {
		if rec == nil {
			rec = m.Record(txID)
		}
		return rec
	}
	codes := map[string][]int64{"dns.opcode": {int64(m.Opcode)}, "dns.rcode": {int64(m.Rcode)}}
	if !m.Response {
		for _, q := range m.Questions {
			codes["dns.rrtype"] = append(codes["dns.rrtype"], int64(q.Type))
		}
		for _, q := range m.Questions {
			u := &inspect.Unit{Kind: inspect.KindApp, Dir: dir, Codes: codes}
			u.SetLazySection("dns", record)
			u.SetBuffer("dns.query", q.Name)
			u.SetBuffer("dns.queries.rrname", q.Name)
			fn(u)
		}
		return
	}
	for _, a := range m.Answers {
		codes["dns.rrtype"] = append(codes["dns.rrtype"], int64(a.Type))
	}
	names := m.responseNames()
	n := max(len(m.Answers), len(names), 1)
	for i := range n {
		u := &inspect.Unit{Kind: inspect.KindApp, Dir: dir, Codes: codes}
		u.SetLazySection("dns", record)
		if i < len(m.Answers) {
			u.SetBuffer("dns.answers.rrname", m.Answers[i].Name)
		}
		if i < len(names) {
			u.SetBuffer("dns.response.rrname", names[i])
		}
		if len(m.Questions) > 0 {
			u.SetBuffer("dns.queries.rrname", m.Questions[0].Name)
		}
		fn(u)
	}
}

// responseNames are the names dns.response.rrname inspects, one at a
// time: the queries', the answers' and the authorities' record names, and
// the names in their data (CNAME, NS, PTR, MX, SOA).
func (m *Message) responseNames() [][]byte {
	var out [][]byte
	for _, q := range m.Questions {
		out = append(out, q.Name)
	}
	for _, list := range [][]Record{m.Answers, m.Authorities} {
		for _, r := range list {
			out = append(out, r.Name)
			if r.Target != nil {
				out = append(out, r.Target)
			}
		}
	}
	return out
}

// Stream splits one direction of DNS over TCP into messages.
type Stream struct {
	buf []byte
	fed uint64 // bytes fed so far
}

// Feed adds stream bytes and calls fn for each complete message with the
// stream offset of its first byte (past its length prefix).
func (s *Stream) Feed(b []byte, fn func(msg []byte, off uint64)) {
	s.fed += uint64(len(b))
	s.buf = append(s.buf, b...)
	for len(s.buf) >= 2 {
		n := int(binary.BigEndian.Uint16(s.buf))
		if len(s.buf) < 2+n {
			break
		}
		fn(s.buf[2:2+n], s.fed-uint64(len(s.buf))+2)
		s.buf = s.buf[2+n:]
	}
	if len(s.buf) == 0 {
		s.buf = nil
	}
}

// Held is how many bytes the stream holds.
func (s *Stream) Held() int { return cap(s.buf) }

// Reset drops a partial message, after a gap.
func (s *Stream) Reset() { s.buf = nil }
