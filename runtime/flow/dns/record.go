package dns

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gopacket/gopacket/layers"
)

// rcodeNames are Suricata's names of DNS response codes.
var rcodeNames = [...]string{"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE",
	16: "BADVERS/BADSIG", 17: "BADKEY", 18: "BADTIME", 19: "BADMODE", 20: "BADNAME", 21: "BADALG", 22: "BADTRUNC"}

// RcodeName is Suricata's name of a response code.
func RcodeName(rc uint8) string {
	if int(rc) < len(rcodeNames) && rcodeNames[rc] != "" {
		return rcodeNames[rc]
	}
	return strconv.Itoa(int(rc))
}

// RRTypeName is Suricata's name of a record type.
func RRTypeName(t layers.DNSType) string {
	if n, ok := rrtypeNames[uint16(t)]; ok {
		return strings.ToUpper(n)
	}
	return strconv.Itoa(int(t))
}

// Text renders bytes as Suricata's JSON builder does: valid UTF-8 as it
// is, else each byte past ASCII as \xNN.
func Text(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
		} else {
			fmt.Fprintf(&sb, `\x%02x`, c)
		}
	}
	return sb.String()
}

// headerFlags sets the named header bits of a record.
func (m *Message) headerFlags(r map[string]any) {
	r["flags"] = fmt.Sprintf("%x", m.Flags)
	for bit, name := range map[uint16]string{15: "qr", 10: "aa", 9: "tc", 8: "rd", 7: "ra", 6: "z"} {
		if m.Flags&(1<<bit) != 0 {
			r[name] = true
		}
	}
}

// Record is the "dns" section Suricata 8 writes for a message (EVE DNS
// version 3) with every record type and both answer formats: the one an
// alert carries. response is the direction: a message to the client is
// a response whatever its QR bit.
func (m *Message) Record(txID uint64, response bool) map[string]any {
	return m.record(txID, response, LogConfig{})
}

// RecordV3 is the version 3 "dns" section as an eve-log dns output with
// cfg writes it, or nil when cfg leaves the message out.
func (m *Message) RecordV3(txID uint64, response bool, cfg LogConfig) map[string]any {
	if !cfg.logs(m, response) {
		return nil
	}
	return m.record(txID, response, cfg)
}

func (m *Message) record(txID uint64, response bool, cfg LogConfig) map[string]any {
	typ := "request"
	if response {
		typ = "response"
	}
	r := map[string]any{"version": 3, "type": typ, "tx_id": txID, "id": m.ID, "opcode": m.Opcode, "rcode": RcodeName(m.Rcode)}
	m.headerFlags(r)
	if len(m.Questions) > 0 {
		queries := []any{}
		for _, q := range m.Questions {
			if cfg.rrtype(q.Type) {
				queries = append(queries, map[string]any{"rrname": Text(q.Name), "rrtype": RRTypeName(q.Type)})
			}
		}
		r["queries"] = queries
	}
	m.answers(r, cfg)
	m.sections(r)
	return r
}

// answers sets a record's answers, in detail and grouped by type, as the
// formats configured.
func (m *Message) answers(r map[string]any, cfg LogConfig) {
	if len(m.Answers) == 0 {
		return
	}
	answers := []any{}
	grouped := map[string]any{}
	for i := range m.Answers {
		a := &m.Answers[i]
		if cfg.grouped() {
			if vals := a.groupedValues(); vals != nil {
				name := RRTypeName(a.Type)
				l, _ := grouped[name].([]any)
				grouped[name] = append(l, vals...)
			}
		}
		if cfg.detailed() {
			answers = append(answers, a.details()...)
		}
	}
	if cfg.detailed() {
		r["answers"] = answers
	}
	if cfg.grouped() {
		r["grouped"] = grouped
	}
}

// sections sets the authorities and the additionals (an OPT record
// without options left out).
func (m *Message) sections(r map[string]any) {
	if len(m.Authorities) > 0 {
		var l []any
		for i := range m.Authorities {
			l = append(l, m.Authorities[i].details()...)
		}
		r["authorities"] = l
	}
	var add []any
	for i := range m.Additionals {
		a := &m.Additionals[i]
		if a.kind == kindOPT && len(a.OPT) == 0 {
			continue
		}
		add = append(add, a.details()...)
	}
	if add != nil {
		r["additionals"] = add
	}
}

// details are a record's detailed entries: one, or one per TXT string.
func (a *Record) details() []any {
	if a.kind != kindTXT {
		return []any{a.detail(nil)}
	}
	out := make([]any, 0, len(a.TXT))
	for _, s := range a.TXT {
		out = append(out, a.detail(s))
	}
	return out
}

func (a *Record) detail(txt []byte) map[string]any {
	d := map[string]any{"rrname": Text(a.Name), "rrtype": RRTypeName(a.Type), "ttl": a.TTL}
	switch a.kind {
	case kindText:
		d["rdata"] = Text([]byte(a.Data))
	case kindTXT:
		d["rdata"] = Text(txt)
	case kindRaw:
		d["rdata"] = Text(a.Raw)
	case kindSOA:
		d["soa"] = a.SOA.object()
	case kindSSHFP:
		d["sshfp"] = a.SSHFP.object()
	case kindSRV:
		d["srv"] = a.SRV.object()
	case kindOPT:
		opts := []any{}
		for _, o := range a.OPT {
			opts = append(opts, map[string]any{"code": o.Code, "data": fmt.Sprintf("%x", o.Data)})
		}
		d["opt"] = opts
	}
	return d
}

// groupedValues are a record's entries in the grouped format, nil for
// the types it leaves out.
func (a *Record) groupedValues() []any {
	switch a.kind {
	case kindText:
		return []any{Text([]byte(a.Data))}
	case kindTXT:
		out := make([]any, 0, len(a.TXT))
		for _, s := range a.TXT {
			out = append(out, Text(s))
		}
		return out
	case kindRaw:
		return []any{Text(a.Raw)}
	case kindSOA:
		return []any{a.SOA.object()}
	case kindSSHFP:
		return []any{a.SSHFP.object()}
	case kindSRV:
		return []any{a.SRV.object()}
	}
	return nil
}

func (s *SOA) object() map[string]any {
	return map[string]any{"mname": Text(s.MName), "rname": Text(s.RName), "serial": s.Serial, "refresh": s.Refresh,
		"retry": s.Retry, "expire": s.Expire, "minimum": s.Minimum}
}

func (s *SSHFP) object() map[string]any {
	hex := make([]string, len(s.Fingerprint))
	for i, b := range s.Fingerprint {
		hex[i] = fmt.Sprintf("%02x", b)
	}
	return map[string]any{"fingerprint": strings.Join(hex, ":"), "algo": s.Algo, "type": s.Type}
}

func (s *SRV) object() map[string]any {
	return map[string]any{"priority": s.Priority, "weight": s.Weight, "port": s.Port, "name": Text(s.Target)}
}
