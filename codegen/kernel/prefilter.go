package kernel

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
)

// prefilter is a content a userspace rule cannot match without: its slot
// copies a packet up only when the classifier cannot tell (the buffer is
// not one it decides) or when the automaton found the item. The item
// keeps only the pattern and its case: the rule's other conditions only
// narrow where it may occur.
type prefilter struct {
	item uint32
	buf  Buffer
}

// prefilter picks the content of a userspace rule that selects its
// packets: a positive content on the packet payload (decided for UDP
// packets within the scan depth, where the rule inspects the datagram
// itself; not for rules of a protocol only TCP carries) or on dns.query, with or without dotprefix (decided for the DNS
// queries the classifier parses); the fast_pattern one if it qualifies,
// else the longest. Rules inspecting both directions of a transaction
// ('=>') keep a plain shape slot, nil.
func (t *Tables) prefilter(r *ir.Rule, ids map[string]uint32) *prefilter {
	if r.Header.TxBoth {
		return nil
	}
	var best *ir.Content
	var buf Buffer
	for _, m := range r.Matchers {
		c, ok := m.(*ir.Content)
		if !ok || c.Negated || len(c.Pattern) == 0 {
			continue
		}
		b, ok := prefilterBuffer(c.Buffer)
		if !ok || b == BufPayload && tcpOnly[r.Header.Proto.L4] {
			continue
		}
		if best == nil || (c.FastPattern != nil) != (best.FastPattern != nil) && c.FastPattern != nil ||
			(c.FastPattern != nil) == (best.FastPattern != nil) && len(c.Pattern) > len(best.Pattern) {
			best, buf = c, b
		}
	}
	if best == nil {
		return nil
	}
	pat := best.Pattern[:min(len(best.Pattern), lower.MaxPatternLen)]
	return &prefilter{item: t.itemID(Item{Pattern: pat, Nocase: best.Nocase, Buffer: buf}, ids), buf: buf}
}

// tcpOnly are the rule protocols never carried over UDP: a payload
// prefilter, decided only for UDP datagrams, would never spare a copy.
var tcpOnly = map[string]bool{"tcp": true, "http": true, "http1": true, "http2": true, "tls": true, "ssh": true,
	"smtp": true, "ftp": true, "ftp-data": true, "smb": true, "imap": true, "pop3": true, "rdp": true, "rfb": true,
	"mqtt": true, "pgsql": true, "telnet": true, "websocket": true, "modbus": true}

// prefilterBuffer is the Buffer of a content a prefilter may use.
func prefilterBuffer(b ir.Buffer) (Buffer, bool) {
	switch {
	case b.Name == ir.BufPayload && len(b.Transforms) == 0:
		return BufPayload, true
	case b.Name == lower.BufDNSQuery && len(b.Transforms) == 0:
		return BufDNSQuery, true
	case b.Name == lower.BufDNSQuery && len(b.Transforms) == 1 && b.Transforms[0].Name == "dotprefix":
		return BufDNSQueryDot, true
	}
	return 0, false
}
