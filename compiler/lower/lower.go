package lower

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
)

// Tier is where a rule runs.
type Tier string

const (
	Kernel    Tier = "kernel"
	Userspace Tier = "userspace"
)

// Kernel limits the classifier is generated for.
const (
	MaxPatternLen   = 128  // bytes of one kernel content pattern
	MaxContents     = 16   // contents in one kernel rule
	MaxScan         = 4096 // payload bytes the automaton walks
	maxKernelOffset = MaxScan
)

// Decision is the tier of one rule and, for userspace, why; Note says
// how the kernel runs a kernel rule when it is not plain packet matching.
type Decision struct {
	Tier   Tier
	Reason string
	Note   string
}

// Notes of kernel rules on an app-layer buffer.
const (
	DNSNote = "dns.query parsed in the classifier; DNS over TCP, query-shaped UDP off port 53, compressed, multi-question or odd queries are copied up and decided in userspace"
	TLSNote = "tls.sni parsed in the classifier from a ClientHello at the start of an established client stream inside one segment, inspected on the client's first packet after a server packet; hellos split over segments or records, late, after the server spoke, or odd are copied up and decided in userspace"
)

// FlowNote is the Note of a kernel rule with flow direction or state.
const FlowNote = "flow direction and state from the classifier's flow map (Suricata 8: established after the TCP handshake or a packet each way, midstream pickups never established)"

// Decide returns the tier of r.
func Decide(r *ir.Rule) Decision {
	if reason := userspaceReason(r); reason != "" {
		return Decision{Tier: Userspace, Reason: reason}
	}
	var notes []string
	switch kernelApp(r) {
	case BufDNSQuery:
		notes = append(notes, DNSNote)
	case BufTLSSNI:
		notes = append(notes, TLSNote)
	}
	if f := r.Flow; f.ToServer || f.ToClient || f.Established || f.NotEstablished || f.Stateless {
		notes = append(notes, FlowNote)
	}
	return Decision{Tier: Kernel, Note: strings.Join(notes, "; ")}
}

func userspaceReason(r *ir.Rule) string {
	h := r.Header
	switch {
	case r.Lang != ir.Suricata:
		return fmt.Sprintf("%s rules inspect HTTP transactions", r.Lang)
	case h.Proto.App != "" && kernelApp(r) == "":
		return fmt.Sprintf("app-layer protocol %s needs the userspace parser", h.Proto.App)
	case h.Proto.Mode == "stream":
		return "tcp-stream rules inspect the reassembled stream"
	case len(r.Bits) > 0:
		return fmt.Sprintf("%s needs per-flow state", r.Bits[0].Kind)
	case len(r.Limits) > 0 && !alertFilters(r):
		return fmt.Sprintf("%s needs counters before the rule's %s action (track %s)", r.Limits[0].Kind, r.Action, r.Limits[0].Track)
	case r.Tag != nil:
		return "tag keeps per-session state"
	case r.Bypass:
		return "bypass marks the flow in the flow table"
	case r.Action == ir.ActConfig || len(r.Config) > 0:
		return "config applies to the flow's transactions in the flow table"
	case r.Action == ir.ActPass && r.PassAlert:
		return "a pass rule with the alert keyword alerts, which the classifier's pass does not"
	case r.Action == ir.ActPass && passesFlow(r):
		return "an IP-only pass applies to the whole flow, the classifier's pass to the packet only"
	}
	if f := flowReason(r.Flow); f != "" {
		return f
	}
	if app := kernelApp(r); app != "" {
		return appReason(r, app)
	}
	contents := 0
	checks := map[string]bool{}
	for _, m := range r.Matchers {
		if reason := matcherReason(r, m); reason != "" {
			return reason
		}
		if _, ok := m.(*ir.Content); ok {
			contents++
		} else if checks[m.Kind()] {
			return fmt.Sprintf("%s given twice, the kernel holds one per rule", m.Kind())
		}
		checks[m.Kind()] = true
	}
	if contents > MaxContents {
		return fmt.Sprintf("%d contents, the kernel confirms at most %d per rule", contents, MaxContents)
	}
	return ""
}

// alertFilters reports whether r's thresholds only filter its alerts, so
// that the engine applies them to the classifier's alerts as it does to
// userspace ones: an alert rule (no action to withhold) without a
// rate_filter (which changes the action).
func alertFilters(r *ir.Rule) bool {
	if r.Action != ir.ActAlert {
		return false
	}
	for _, t := range r.Limits {
		if t.Kind == "rate_filter" {
			return false
		}
	}
	return true
}

// flowReason: direction and established/not_established/stateless are
// decided by the classifier's flow map; the stream and fragment options
// need userspace state.
func flowReason(f ir.Flow) string {
	switch {
	case f.OnlyStream:
		return "flow:only_stream inspects the reassembled stream"
	case f.OnlyFrag, f.NoFrag:
		return "fragment flags need defragmentation state"
	}
	return ""
}

// passesFlow reports whether Suricata applies a pass rule's action to the
// flow rather than the packet, for a rule the classifier could run: an
// IP-only rule (header only, ports allowed).
func passesFlow(r *ir.Rule) bool {
	return len(r.Matchers) == 0 && r.Flow == (ir.Flow{}) && kernelApp(r) == ""
}

// streamInspected reports whether Suricata inspects the rule's payload
// contents on the TCP stream, where a match may span segments.
func streamInspected(r *ir.Rule) bool {
	p := r.Header.Proto
	if p.Mode == "pkt" || r.Flow.NoStream {
		return false
	}
	return p.L4 == "tcp" || p.L4 == "ip"
}

func matcherReason(r *ir.Rule, m ir.Matcher) string {
	switch m := m.(type) {
	case *ir.Content:
		return contentReason(r, m)
	case *ir.Size:
		if m.What != "dsize" {
			return m.What + " applies to an app-layer buffer"
		}
		return ""
	case *ir.TCPFlags:
		return ""
	case *ir.Field:
		switch m.Name {
		case "ttl", "itype", "icode":
			return ""
		}
	}
	return fmt.Sprintf("%s runs in the userspace matcher", m.Kind())
}

func contentReason(r *ir.Rule, c *ir.Content) string {
	switch {
	case c.Buffer.Name != ir.BufPayload:
		return fmt.Sprintf("content in buffer %s", c.Buffer.Name)
	case len(c.Buffer.Transforms) > 0:
		return "transformed buffer"
	case c.Relative():
		return "relative content (distance/within)"
	case streamInspected(r):
		return fmt.Sprintf("%s payload content is stream-inspected (a match may span segments)", r.Header.Proto.L4)
	case len(c.Pattern) > MaxPatternLen:
		return fmt.Sprintf("content of %d bytes, the kernel confirms at most %d", len(c.Pattern), MaxPatternLen)
	case c.Offset != nil && c.Offset.Var != "", c.Depth != nil && c.Depth.Var != "":
		return "content position from a byte_extract variable"
	case c.Offset != nil && c.Offset.Val+int64(len(c.Pattern)) > maxKernelOffset:
		return fmt.Sprintf("content at offset %d is past the kernel scan depth %d", c.Offset.Val, MaxScan)
	}
	return ""
}

// PassFirstReason is the userspace reason of a drop or reject rule in a
// rule set with a userspace pass rule.
const PassFirstReason = "a pass rule runs in userspace: Suricata's action order lets it pass what this rule would drop"

// DecideSet returns the tiers of a rule set's enabled rules, in order:
// each rule's own decision, except that when a pass rule runs in
// userspace the drop and reject rules do too, since the classifier would
// drop a packet before the pass rule, first in Suricata's action order,
// could pass it.
func DecideSet(rules []*ir.Rule) []Decision {
	ds := make([]Decision, len(rules))
	userPass := false
	for i, r := range rules {
		ds[i] = Decide(r)
		userPass = userPass || ds[i].Tier == Userspace && r.Action == ir.ActPass && r.Lang == ir.Suricata
	}
	if !userPass {
		return ds
	}
	for i, r := range rules {
		if ds[i].Tier == Kernel && r.Action != ir.ActPass && r.Action != ir.ActAlert {
			ds[i] = Decision{Tier: Userspace, Reason: PassFirstReason}
		}
	}
	return ds
}
