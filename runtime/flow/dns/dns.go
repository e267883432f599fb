package dns

import (
	"bytes"
	"encoding/binary"

	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/inspect"
)

// Record is a question or a resource record.
type Record struct {
	Name []byte
	Type layers.DNSType
	TTL  uint32 // resource records
	// Data is the data of an address or a name record as Suricata writes
	// it ("" for the other types).
	Data   string
	Target []byte   // the name in the data (CNAME, NS, PTR, MX, SOA), if any
	TXT    [][]byte // TXT: the strings
	Raw    []byte   // NULL: the data
	SOA    *SOA
	SRV    *SRV
	SSHFP  *SSHFP
	OPT    []Opt
	kind   rdataKind
}

// rdataKind is how a record's data is logged.
type rdataKind uint8

const (
	kindNone rdataKind = iota
	kindText
	kindTXT
	kindRaw
	kindSOA
	kindSRV
	kindSSHFP
	kindOPT
)

// Record types gopacket does not name.
const (
	typeNULL  layers.DNSType = 10
	typeSSHFP layers.DNSType = 44
)

// Message is one decoded DNS message.
type Message struct {
	ID        uint16
	Response  bool // the QR bit
	Opcode    uint8
	Rcode     uint8
	Flags     uint16 // the header's flags word
	Questions []Record
	Answers   []Record
	// Authorities and Additionals are the authority and additional
	// sections' records; a section that does not parse is left out and
	// flagged invalid (Suricata keeps the message).
	Authorities        []Record
	Additionals        []Record
	InvalidAuthorities bool
	InvalidAdditionals bool
	nameFlags          uint8
}

// Decoder decodes messages.
type Decoder struct{}

// Decode parses one message. b is not retained: the message's names and
// data are slices of one copy.
func (d *Decoder) Decode(b []byte) (*Message, error) {
	return parse(bytes.Clone(b))
}

// IsResponse reports whether b is a DNS response, as Suricata's probe
// finds one: a header valid for the length, the QR bit set, a body that
// parses. With tcp, b is a stream start: a length prefix, then the
// message (the probe judges what of it is there).
func IsResponse(b []byte, tcp bool) bool {
	if tcp {
		if len(b) < 14 {
			return false
		}
		n := int(binary.BigEndian.Uint16(b))
		b = b[2:]
		if len(b) < n {
			return validHeaderLen(b, n) && b[2]&0x80 != 0
		}
		b = b[:n]
	}
	if len(b) < 12 || b[2]&0x80 == 0 {
		return false
	}
	_, err := parse(b)
	return err == nil
}

// Units calls fn with the units of a message seen going dir (a message
// to the client is a response whatever its QR bit, as Suricata's
// parser takes it), each with the message's EVE record for transaction
// txID; the caller sets time, flow and packet. Unit i holds the i-th
// instance of each buffer: dns.query (requests), dns.queries.rrname and
// dns.answers.rrname (the message's own sections, either way),
// dns.authorities.rrname, dns.additionals.rrname and dns.response.rrname
// (responses); there is always at least one.
func (m *Message) Units(dir inspect.Dir, txID uint64, fn func(*inspect.Unit)) {
	response := dir == inspect.ToClient
	var rec map[string]any
	record := func() map[string]any {
		if rec == nil {
			rec = m.Record(txID, response)
		}
		return rec
	}
	codes := map[string][]int64{"dns.opcode": {int64(m.Opcode)}, "dns.rcode": {int64(m.Rcode)}}
	rrtypes := m.Questions // dns.rrtype: a request's question types, a response's answer types
	if response {
		rrtypes = m.Answers
	}
	for _, r := range rrtypes {
		codes["dns.rrtype"] = append(codes["dns.rrtype"], int64(r.Type))
	}
	queries, answers := names(m.Questions), names(m.Answers)
	var resp, auths, adds [][]byte
	if response {
		resp, auths, adds = m.responseNames(), names(m.Authorities), names(m.Additionals)
	}
	n := max(len(queries), len(answers), len(resp), len(auths), len(adds), 1)
	for i := range n {
		u := &inspect.Unit{Kind: inspect.KindApp, Dir: dir, Codes: codes, Events: m.events(response)}
		u.SetLazySection("dns", record)
		if i < len(queries) {
			if !response {
				u.SetBuffer("dns.query", queries[i])
			}
			u.SetBuffer("dns.queries.rrname", queries[i])
		}
		if i < len(answers) {
			u.SetBuffer("dns.answers.rrname", answers[i])
		}
		if i < len(resp) {
			u.SetBuffer("dns.response.rrname", resp[i])
		}
		if i < len(auths) {
			u.SetBuffer("dns.authorities.rrname", auths[i])
		}
		if i < len(adds) {
			u.SetBuffer("dns.additionals.rrname", adds[i])
		}
		fn(u)
	}
}

// names are the non-empty names of records.
func names(list []Record) [][]byte {
	var out [][]byte
	for _, r := range list {
		if len(r.Name) > 0 {
			out = append(out, r.Name)
		}
	}
	return out
}

// responseNames are the names dns.response.rrname inspects, one at a
// time: the queries', then the answers', authorities' and additionals'
// record names and the names in their data (CNAME, NS, PTR, MX, SOA).
func (m *Message) responseNames() [][]byte {
	out := names(m.Questions)
	for _, list := range [][]Record{m.Answers, m.Authorities, m.Additionals} {
		out = append(out, names(list)...)
		for _, r := range list {
			if len(r.Target) > 0 {
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
