package dns

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/gopacket/gopacket/layers"
)

// maxNameLen is the longest name kept; past it a name is truncated, as
// Suricata's parser does.
const maxNameLen = 1025

// maxLabels bounds the labels (and compression pointers) of one name.
const maxLabels = 255

// Name-parse flags, raised as the parser's events.
const (
	nameTruncated uint8 = 1 << iota
	nameLoop
	nameLabelLimit
)

// SOA is a start-of-authority record's data.
type SOA struct {
	MName, RName                            []byte
	Serial, Refresh, Retry, Expire, Minimum uint32
}

// SRV is a service record's data.
type SRV struct {
	Priority, Weight, Port uint16
	Target                 []byte
}

// SSHFP is an SSH fingerprint record's data.
type SSHFP struct {
	Algo, Type  uint8
	Fingerprint []byte
}

// Opt is one option of an OPT record.
type Opt struct {
	Code uint16
	Data []byte
}

// parser reads one message; msg is the whole message, for compression
// pointers.
type parser struct {
	msg   []byte
	flags uint8
}

// name reads a possibly compressed name at b and returns it dotted, and
// the bytes after it.
func (p *parser) name(b []byte) ([]byte, []byte, error) {
	pos, rest := b, []byte(nil)
	jumped := false
	var name []byte
	var flags uint8
	for count := 0; len(pos) > 0; {
		l := pos[0]
		switch {
		case l == 0:
			pos = pos[1:]
			goto done
		case l&0xc0 == 0:
			if len(pos) < 1+int(l) {
				return nil, nil, errShort
			}
			if flags&nameTruncated == 0 {
				if len(name) > 0 {
					name = append(name, '.')
				}
				name = append(name, pos[1:1+l]...)
			}
			pos = pos[1+l:]
		case l&0xc0 == 0xc0:
			if len(pos) < 2 {
				return nil, nil, errShort
			}
			off := int(binary.BigEndian.Uint16(pos) & 0x3fff)
			if off > len(p.msg) {
				return nil, nil, errPointer
			}
			if len(p.msg[off:]) == len(pos) {
				flags |= nameLoop
				if jumped {
					goto done
				}
				return nil, nil, errPointer
			}
			if !jumped {
				rest, jumped = pos[2:], true
			}
			pos = p.msg[off:]
		default:
			return nil, nil, errLabel
		}
		count++
		if count > maxLabels {
			flags |= nameLabelLimit
			if !jumped {
				return nil, nil, errLabel
			}
			flags |= nameTruncated
			goto done
		}
		if len(name) > maxNameLen {
			name = name[:maxNameLen]
			flags |= nameTruncated
			if jumped {
				goto done
			}
		}
	}
done:
	p.flags |= flags
	if name == nil {
		name = []byte{}
	}
	if jumped {
		return name, rest, nil
	}
	return name, pos, nil
}

func u16(b []byte) (uint16, []byte, error) {
	if len(b) < 2 {
		return 0, nil, errShort
	}
	return binary.BigEndian.Uint16(b), b[2:], nil
}

// records reads n resource records.
func (p *parser) records(b []byte, n int) ([]Record, []byte, error) {
	var out []Record
	for range n {
		name, rest, err := p.name(b)
		if err != nil {
			return nil, nil, err
		}
		if len(rest) < 10 {
			return nil, nil, errShort
		}
		typ := layers.DNSType(binary.BigEndian.Uint16(rest))
		ttl := binary.BigEndian.Uint32(rest[4:])
		dl := int(binary.BigEndian.Uint16(rest[8:]))
		rest = rest[10:]
		if len(rest) < dl {
			return nil, nil, errShort
		}
		r := Record{Name: name, Type: typ, TTL: ttl}
		if err := p.rdata(&r, rest[:dl]); err != nil {
			return nil, nil, err
		}
		out = append(out, r)
		b = rest[dl:]
	}
	return out, b, nil
}

// rdata reads a record's data as Suricata's parser does for its type.
func (p *parser) rdata(r *Record, d []byte) error {
	var err error
	switch r.Type {
	case layers.DNSTypeA, layers.DNSTypeAAAA:
		if a, ok := netip.AddrFromSlice(d); ok {
			r.Data = addrString(a)
		}
		r.kind = kindText
	case layers.DNSTypeCNAME, layers.DNSTypeNS, layers.DNSTypePTR:
		r.Target, _, err = p.name(d)
		r.Data, r.kind = string(r.Target), kindText
	case layers.DNSTypeMX:
		if len(d) < 2 {
			return errShort
		}
		r.Target, _, err = p.name(d[2:])
		r.Data, r.kind = string(r.Target), kindText
	case layers.DNSTypeSOA:
		err = p.soa(r, d)
	case layers.DNSTypeTXT:
		r.kind = kindTXT
		for len(d) > 0 {
			l := int(d[0])
			if len(d) < 1+l {
				return errShort
			}
			r.TXT = append(r.TXT, d[1:1+l])
			d = d[1+l:]
		}
	case typeNULL:
		r.Raw, r.kind = d, kindRaw
	case typeSSHFP:
		if len(d) < 2 {
			return errShort
		}
		r.SSHFP, r.kind = &SSHFP{Algo: d[0], Type: d[1], Fingerprint: d[2:]}, kindSSHFP
	case layers.DNSTypeSRV:
		if len(d) < 6 {
			return errShort
		}
		s := &SRV{Priority: binary.BigEndian.Uint16(d), Weight: binary.BigEndian.Uint16(d[2:]), Port: binary.BigEndian.Uint16(d[4:])}
		s.Target, _, err = p.name(d[6:])
		r.SRV, r.kind = s, kindSRV
	case layers.DNSTypeOPT:
		r.kind = kindOPT
		for len(d) > 0 {
			var code, l uint16
			if code, d, err = u16(d); err != nil {
				return err
			}
			if l, d, err = u16(d); err != nil {
				return err
			}
			if len(d) < int(l) {
				return errShort
			}
			r.OPT = append(r.OPT, Opt{Code: code, Data: d[:l]})
			d = d[l:]
		}
	}
	return err
}

func (p *parser) soa(r *Record, d []byte) error {
	s := &SOA{}
	var err error
	if s.MName, d, err = p.name(d); err != nil {
		return err
	}
	if s.RName, d, err = p.name(d); err != nil {
		return err
	}
	if len(d) < 20 {
		return errShort
	}
	s.Serial, s.Refresh, s.Retry = binary.BigEndian.Uint32(d), binary.BigEndian.Uint32(d[4:]), binary.BigEndian.Uint32(d[8:])
	s.Expire, s.Minimum = binary.BigEndian.Uint32(d[12:]), binary.BigEndian.Uint32(d[16:])
	r.SOA, r.Target, r.kind = s, s.MName, kindSOA
	return nil
}

// validHeader is Suricata's probe of a header against the message
// length: room for the records it counts, no trailing data after an
// empty header, a question in a request.
func validHeader(b []byte) bool { return validHeaderLen(b, len(b)) }

// validHeaderLen checks the header at b against a message of n bytes.
func validHeaderLen(b []byte, n int) bool {
	if len(b) < 12 {
		return false
	}
	rr := 0
	for i := 4; i < 12; i += 2 {
		rr += int(binary.BigEndian.Uint16(b[i:]))
	}
	if 2*rr > n || rr == 0 && n > 12 {
		return false
	}
	return b[2]&0x80 != 0 || binary.BigEndian.Uint16(b[4:]) != 0
}

// parse decodes a message as Suricata 8's parser does: the questions and
// answers must parse; authorities and additionals that do not are left
// out, flagged as invalid.
func parse(b []byte) (*Message, error) {
	if !validHeader(b) {
		return nil, fmt.Errorf("dns: %w", errHeader)
	}
	p := &parser{msg: b}
	flags := binary.BigEndian.Uint16(b[2:])
	m := &Message{ID: binary.BigEndian.Uint16(b), Flags: flags, Response: flags&0x8000 != 0,
		Opcode: uint8(flags>>11) & 0xf, Rcode: uint8(flags & 0xf)}
	counts := [4]int{}
	for i := range counts {
		counts[i] = int(binary.BigEndian.Uint16(b[4+2*i:]))
	}
	rest := b[12:]
	for range counts[0] {
		name, r, err := p.name(rest)
		if err != nil {
			return nil, fmt.Errorf("dns: question: %w", err)
		}
		if len(r) < 4 {
			return nil, fmt.Errorf("dns: question: %w", errShort)
		}
		m.Questions = append(m.Questions, Record{Name: name, Type: layers.DNSType(binary.BigEndian.Uint16(r))})
		rest = r[4:]
	}
	var err error
	if m.Answers, rest, err = p.records(rest, counts[1]); err != nil {
		return nil, fmt.Errorf("dns: answer: %w", err)
	}
	auth, r, err := p.records(rest, counts[2])
	switch {
	case err != nil:
		m.InvalidAuthorities = true
	default:
		m.Authorities = auth
		if m.Additionals, _, err = p.records(r, counts[3]); err != nil {
			m.Additionals, m.InvalidAdditionals = nil, true
		}
	}
	m.nameFlags = p.flags
	return m, nil
}

// addrString writes an address as Suricata's DNS log does: IPv6 as eight
// groups of four hex digits.
func addrString(a netip.Addr) string {
	if a.Is4() {
		return a.String()
	}
	b := a.As16()
	out := make([]byte, 0, 39)
	for i := 0; i < 16; i += 2 {
		if i > 0 {
			out = append(out, ':')
		}
		out = fmt.Appendf(out, "%02x%02x", b[i], b[i+1])
	}
	return string(out)
}
