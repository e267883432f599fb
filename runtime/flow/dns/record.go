package dns

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/gopacket/gopacket/layers"
)

// rcodeNames are Suricata's names of DNS response codes.
var rcodeNames = [...]string{"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"}

// RcodeName is Suricata's name of a response code.
func RcodeName(rc uint8) string {
	if int(rc) < len(rcodeNames) {
		return rcodeNames[rc]
	}
	return strconv.Itoa(int(rc))
}

// RRTypeName is Suricata's name of a record type.
func RRTypeName(t layers.DNSType) string {
	switch t {
	case layers.DNSTypeA, layers.DNSTypeNS, layers.DNSTypeCNAME, layers.DNSTypeSOA, layers.DNSTypePTR,
		layers.DNSTypeMX, layers.DNSTypeTXT, layers.DNSTypeAAAA, layers.DNSTypeSRV, layers.DNSTypeOPT:
		return t.String()
	case 255:
		return "ANY"
	case 65:
		return "HTTPS"
	case 64:
		return "SVCB"
	case 43:
		return "DS"
	case 46:
		return "RRSIG"
	case 48:
		return "DNSKEY"
	case 13:
		return "HINFO"
	case 99:
		return "SPF"
	}
	return strconv.Itoa(int(t))
}

// Record is the "dns" section Suricata 8 writes for a message (EVE DNS
// version 3): header flags, the queries and, for a response, the rcode,
// the answers in detail and grouped by type.
func (m *Message) Record(txID uint64) map[string]any {
	typ := "request"
	if m.Response {
		typ = "response"
	}
	r := map[string]any{"version": 3, "type": typ, "tx_id": txID, "id": m.ID,
		"flags": fmt.Sprintf("%x", m.Flags), "opcode": m.Opcode}
	for bit, name := range map[uint16]string{15: "qr", 10: "aa", 9: "tc", 8: "rd", 7: "ra", 6: "z"} {
		if m.Flags&(1<<bit) != 0 {
			r[name] = true
		}
	}
	var queries []any
	for _, q := range m.Questions {
		queries = append(queries, map[string]any{"rrname": string(q.Name), "rrtype": RRTypeName(q.Type)})
	}
	if len(queries) > 0 {
		r["queries"] = queries
	}
	if !m.Response {
		return r
	}
	r["rcode"] = RcodeName(m.Rcode)
	m.answers(r)
	return r
}

// answers sets a response record's answers, in detail and grouped by type.
func (m *Message) answers(r map[string]any) {
	var answers []any
	grouped := map[string]any{}
	for _, a := range m.Answers {
		ans := map[string]any{"rrname": string(a.Name), "rrtype": RRTypeName(a.Type), "ttl": a.TTL}
		if a.Data != "" {
			ans["rdata"] = a.Data
			name := RRTypeName(a.Type)
			l, _ := grouped[name].([]any)
			grouped[name] = append(l, a.Data)
		}
		answers = append(answers, ans)
	}
	if len(answers) > 0 {
		r["answers"] = answers
	}
	if len(grouped) > 0 {
		r["grouped"] = grouped
	}
}

// rdata renders an answer's data as Suricata does, for the types it
// writes as text.
func rdata(a *layers.DNSResourceRecord) string {
	switch a.Type {
	case layers.DNSTypeA, layers.DNSTypeAAAA:
		if a.IP != nil {
			return a.IP.String()
		}
	case layers.DNSTypeCNAME:
		return string(a.CNAME)
	case layers.DNSTypeNS:
		return string(a.NS)
	case layers.DNSTypePTR:
		return string(a.PTR)
	case layers.DNSTypeMX:
		return string(a.MX.Name)
	case layers.DNSTypeTXT:
		if len(a.TXTs) > 0 {
			return string(a.TXTs[0])
		}
	}
	return ""
}

// target is the domain name a record's data holds, for the types whose
// data is one (SOA: the primary name server).
func target(a *layers.DNSResourceRecord) []byte {
	var n []byte
	switch a.Type {
	case layers.DNSTypeCNAME:
		n = a.CNAME
	case layers.DNSTypeNS:
		n = a.NS
	case layers.DNSTypePTR:
		n = a.PTR
	case layers.DNSTypeMX:
		n = a.MX.Name
	case layers.DNSTypeSOA:
		n = a.SOA.MName
	}
	if len(n) == 0 {
		return nil
	}
	return bytes.Clone(n)
}
