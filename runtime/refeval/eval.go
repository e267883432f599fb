package refeval

import (
	"math"
	"net/netip"
	"slices"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/decode"
)

// defaultDecoder is the decoder configuration of an evaluator without
// SetDecoder: Suricata's default suricata.yaml's.
var defaultDecoder = func() *decode.Config { c := decode.DefaultConfig(); return &c }()

// TC verdicts.
const (
	ActOK   = 0
	ActShot = 2
)

// Event kinds, as the classifier emits them.
const (
	EventAlert = 1
	EventBlock = 2
	EventCopy  = 3
)

// Event is one ring-buffer record of a packet: an alert for a kernel rule,
// a block by the block list, or a copy for the userspace tier.
type Event struct {
	Kind    uint8
	Rule    uint32
	Verdict uint8 // the slot action of an alert
	Reason  uint8 // why a copy was made: Copy* bits
}

// Why a packet is copied up (bits of Event.Reason), as bpf/rulec.h's
// copy_reason.
const (
	CopyUserspace     = 1  // a userspace header shape matched
	CopyScanTruncated = 2  // a kernel content slot saw more payload than the scan depth
	CopyFragment      = 4  // an IP fragment, for reassembly
	CopyDecode        = 8  // past the parser's bounds
	CopyApp           = 16 // a kernel app-layer rule the classifier cannot decide
	CopyDetail        = 32 // a kernel app-layer rule alerted: the packet carries the EVE detail
	CopyTunnel        = 64 // IP-in-IP, IPv6 encapsulation or GRE: userspace inspects the inner packet
)

// Result is what the classifier did with one packet.
type Result struct {
	Verdict   int
	Events    []Event
	Truncated bool // content candidates past the scan depth: copied, not decided
	// App: a kernel rule on an app-layer buffer (dns.query) was a
	// candidate but the packet's buffer is not one the classifier
	// decides (DNS over TCP, a compressed or multi-question query, ...):
	// copied, decided by the userspace tier's parser.
	App bool
	// Flow is what the flow map said of the packet.
	Flow FlowView
}

// MaxEvents is the most alert events one packet emits.
const MaxEvents = 16

// ListEntry is an allow- or block-list entry; Expires is a monotonic time
// in nanoseconds, 0 for never.
type ListEntry struct {
	Prefix  netip.Prefix
	Rule    uint32
	Expires uint64
}

// PortBlock drops TCP (Proto 6) or UDP (17) packets to Port; Expires as
// in ListEntry.
type PortBlock struct {
	Proto   uint8
	Port    uint16
	Rule    uint32
	Expires uint64
}

// Evaluator runs the kernel tier's tables on packets.
type Evaluator struct {
	t            *kernel.Tables
	look         *kernel.Lookup
	allow, block []ListEntry
	ports        []PortBlock
	now          func() uint64
	maxScan      int
	drops        *flowDrops    // flows a drop or reject verdict marked
	flows        *flowTable    // the flow map
	midstream    bool          // Suricata's stream.midstream
	tls          *tlsFlows     // flows followed for tls.sni; nil without tls.sni slots
	sniSlots     kernel.Bitset // kernel slots on tls.sni
	kernelSlots  kernel.Bitset // slots confirmed here
	narrow       *narrowing
	userSlots    kernel.Bitset  // userspace slots without a prefilter item: copy what they select
	userItems    kernel.Bitset  // userspace slots with a prefilter item
	decoder      *decode.Config // the UDP encapsulations copied up
}

// New returns an evaluator over t that, like the classifier, leaves
// packets with more than kernel.MaxScan payload bytes to userspace.
func New(t *kernel.Tables) *Evaluator {
	e := &Evaluator{t: t, look: kernel.NewLookup(t), now: func() uint64 { return 0 }, maxScan: kernel.MaxScan,
		kernelSlots: t.NewBitset(), userSlots: t.NewBitset(), userItems: t.NewBitset(), drops: &flowDrops{},
		flows: newFlowTable(FlowMax), sniSlots: t.NewBitset(), decoder: defaultDecoder}
	for i, s := range t.Slots {
		switch {
		case s.Userspace && s.ItemCount > 0:
			t.Set(e.userItems, i)
		case s.Userspace:
			t.Set(e.userSlots, i)
		case s.Buffer.OnSNI():
			t.Set(e.sniSlots, i)
			e.tls = &tlsFlows{}
			fallthrough
		default:
			t.Set(e.kernelSlots, i)
		}
	}
	e.narrow = newNarrowing(t)
	return e
}

// NewUnbounded returns an evaluator that scans whole payloads: userspace
// uses it to decide the packets the classifier could not.
func NewUnbounded(t *kernel.Tables) *Evaluator {
	e := New(t)
	e.maxScan = math.MaxInt
	return e
}

// SetMidstream sets Suricata's stream.midstream: TCP sessions are picked
// up without a SYN (the classifier's Options.Midstream).
func (e *Evaluator) SetMidstream(on bool) { e.midstream = on }

// SetDecoder sets the UDP ports of Teredo, VXLAN and Geneve (the
// classifier's Options.Decoder); nil: decode.DefaultConfig.
func (e *Evaluator) SetDecoder(c *decode.Config) {
	if c == nil {
		c = defaultDecoder
	}
	e.decoder = c
}

// SetLists sets the allow and block lists; now gives the monotonic clock
// entries expire against.
func (e *Evaluator) SetLists(allow, block []ListEntry, now func() uint64) {
	e.allow, e.block, e.now = allow, block, now
}

// SetPortBlocks sets the port blocks, checked after the address lists.
func (e *Evaluator) SetPortBlocks(ports []PortBlock) {
	e.ports = ports
}

func (e *Evaluator) portBlocked(h *headers) (PortBlock, bool) {
	if !h.hasL4 || (h.proto != 6 && h.proto != 17) {
		return PortBlock{}, false
	}
	for _, p := range e.ports {
		if p.Proto == h.proto && p.Port == h.dport && (p.Expires == 0 || p.Expires > e.now()) {
			return p, true
		}
	}
	return PortBlock{}, false
}

func (e *Evaluator) listed(list []ListEntry, a netip.Addr) (ListEntry, bool) {
	best, found := ListEntry{}, false
	for _, l := range list {
		if l.Prefix.Contains(a) && (!found || l.Prefix.Bits() > best.Prefix.Bits()) {
			best, found = l, true
		}
	}
	if found && best.Expires != 0 && best.Expires <= e.now() {
		return best, false
	}
	return best, found
}

// Run evaluates one packet, as the classifier: its flow state is updated
// in the evaluator's flow map.
func (e *Evaluator) Run(pkt []byte) Result { return e.run(pkt, nil) }

// Track updates the evaluator's flow map with a frame it does not
// classify (see the package function Track).
func (e *Evaluator) Track(frame []byte) FlowView { return Track(frame, e.flows, e.midstream) }

// Bypass marks frame's flow direction (or both) bypassed (see the package
// function Bypass).
func (e *Evaluator) Bypass(frame []byte, both bool, keep Keep) bool {
	return Bypass(frame, e.flows, both, keep)
}

// RunFlow evaluates one packet whose flow state is known (what the flow
// map said of it when it was classified), leaving the flow map as it is.
func (e *Evaluator) RunFlow(pkt []byte, pf FlowView) Result { return e.run(pkt, &pf) }

func (e *Evaluator) run(pkt []byte, view *FlowView) Result {
	h, isIP, ok := parse(pkt)
	if h.deep && !isIP || h.invalid {
		return Result{Verdict: ActOK, Events: []Event{{Kind: EventCopy, Reason: CopyDecode}}}
	}
	if !isIP || !h.src.IsValid() {
		return Result{Verdict: ActOK}
	}
	for _, a := range []netip.Addr{h.src, h.dst} {
		if _, ok := e.listed(e.allow, a); ok {
			return Result{Verdict: ActOK}
		}
	}
	for _, a := range []netip.Addr{h.src, h.dst} {
		if l, ok := e.listed(e.block, a); ok {
			return Result{Verdict: ActShot, Events: []Event{{Kind: EventBlock, Rule: l.Rule}}}
		}
	}
	if h.deep {
		return Result{Verdict: ActOK, Events: []Event{{Kind: EventCopy, Reason: CopyDecode}}}
	}
	if !ok {
		// Malformed past the addresses: copied up for the decoder.
		return Result{Verdict: ActOK, Events: []Event{{Kind: EventCopy, Reason: CopyDecode}}}
	}
	if p, blocked := e.portBlocked(&h); blocked {
		return Result{Verdict: ActShot, Events: []Event{{Kind: EventBlock, Rule: p.Rule}}}
	}
	if h.hasL4 && h.proto == 17 && e.decoder.UDPTunnel(h.sport, h.dport, pkt[h.payloadOff:h.payloadOff+h.payloadLen]) {
		// a tunnel the decoder finds: copied up for the inner packet
		h.tunnel = true
	}
	fk, fromA, keyed := keyOf(&h)
	if keyed && droppable(&h) && e.drops.has(fk) {
		if h.tunnel {
			// a tunnel's inner packets are flows of their own
			return Result{Verdict: ActShot, Events: []Event{{Kind: EventCopy, Reason: CopyTunnel}}}
		}
		return Result{Verdict: ActShot}
	}
	var pf FlowView
	if view != nil {
		pf = *view
	} else {
		pf = track(e.flows, &h, fk, fromA, keyed, e.midstream)
	}
	var tls tlsPacket
	if e.tls != nil && view == nil && keyed && h.proto == 6 {
		tls = e.tls.track(pkt, &h, fk, fromA)
	}
	sc := e.narrow.run()
	defer e.narrow.endRun(sc)
	head := e.look.HeaderInto(sc.head[:0], h.src, h.dst, h.proto, h.sport, h.dport)
	var (
		res     = Result{Flow: pf}
		scan    *scanner
		best    kernel.Action
		matched = sc.matched[:0]
		reason  uint8
	)
	if h.fragment {
		reason |= CopyFragment
	}
	if h.l4Bad {
		reason |= CopyDecode
	}
	if h.tunnel {
		reason |= CopyTunnel
	}
	if e.t.Any(append(head, e.userSlots)...) {
		reason |= CopyUserspace
	}
	if tls.copy {
		res.App, reason = true, reason|CopyApp
	}
	var (
		dns      dnsState
		dnsName  []byte
		parsed   bool
		nameScan *scanner
	)
	cands := append(head, e.kernelSlots)
	defer func() { e.narrow.done(scan, nameScan) }()
	if h.payloadLen <= e.maxScan && e.t.Any(cands...) {
		// Scan first, then visit only the slots the items found allow
		// (an undecided DNS packet visits them all: it raises its flag
		// whatever the name).
		dns, dnsName = parseDNS(pkt, &h)
		parsed = true
		if dns != dnsUndecided {
			if dns == dnsOK && e.t.Any(append(cands, e.narrow.Name)...) {
				nameScan = e.scan(dnsName, true)
			}
			if (tls.state == tlsOK || tls.state == tlsProbe) && e.t.Any(append(cands, e.narrow.Name)...) {
				nameScan = e.scan(tls.sni, true)
			}
			if h.payloadLen > 0 && e.t.Any(append(cands, e.narrow.Payload)...) {
				scan = e.scan(pkt[h.payloadOff:h.payloadOff+h.payloadLen], false)
			}
			e.narrow.allow(e.t, sc.allowed, scan, nameScan)
			cands = append(cands, sc.allowed)
		}
	}
	sc.slots = e.t.AndInto(sc.slots[:0], cands...)
	defer func() { sc.matched = matched }()
	probeHit := false
	for _, i := range sc.slots {
		s := &e.t.Slots[i]
		probe := tls.state == tlsProbe && s.Buffer.OnSNI()
		if !checks(s, &h) && !probe {
			continue
		}
		if s.Buffer != kernel.BufPayload {
			name := tls.sni
			if !s.Buffer.OnSNI() {
				if !parsed {
					dns, dnsName = parseDNS(pkt, &h)
					parsed = true
				}
				if dns == dnsUndecided {
					res.App, reason = true, reason|CopyApp
				}
				if dns != dnsOK {
					continue
				}
				name = dnsName
			} else if tls.state != tlsOK && !probe {
				continue
			}
			n := len(name)
			if (s.Buffer == kernel.BufDNSQuery || s.Buffer == kernel.BufTLSSNI) && n > 0 {
				n--
			}
			if !cmp(s.BLen, uint32(n)) {
				continue
			}
			if nameScan == nil {
				nameScan = e.scan(name, true)
			}
			if probe && nameScan.slotMatches(e.t, s) {
				probeHit = true
			}
			if probe || !nameScan.slotMatches(e.t, s) || !FlowOK(s.Flow, pf) {
				continue
			}
			if !s.NoAlert {
				reason |= CopyDetail
			}
			matched = append(matched, i)
			best = max(best, s.Action)
			if best == kernel.ActPass {
				break // the classifier's slot walk ends at a pass
			}
			continue
		}
		if s.ItemCount > 0 {
			if h.payloadLen > e.maxScan {
				res.Truncated, reason = true, reason|CopyScanTruncated
				continue
			}
			if scan == nil {
				scan = e.scan(pkt[h.payloadOff:h.payloadOff+h.payloadLen], false)
			}
			if !scan.slotMatches(e.t, s) {
				continue
			}
		}
		if !FlowOK(s.Flow, pf) {
			continue
		}
		matched = append(matched, i)
		best = max(best, s.Action)
		if best == kernel.ActPass {
			break // the classifier's slot walk ends at a pass
		}
	}
	if reason&CopyUserspace == 0 {
		// a userspace slot with a prefilter item copies what its
		// header selects unless the classifier decides the item's
		// buffer (a UDP payload within the scan depth; dns.query of a
		// UDP datagram, parsed as a query or as none) and the item is
		// not in it
		udp := h.hasL4 && !h.l4Bad && h.proto == 17 && h.payloadLen <= e.maxScan
		sc.slots = e.t.AndInto(sc.slots[:0], append(head, e.userItems)...)
		for _, i := range sc.slots {
			s := &e.t.Slots[i]
			if s.Buffer == kernel.BufPayload {
				if !udp {
					reason |= CopyUserspace
					break
				}
				if scan == nil {
					scan = e.scan(pkt[h.payloadOff:h.payloadOff+h.payloadLen], false)
				}
				if scan.slotMatches(e.t, s) {
					reason |= CopyUserspace
					break
				}
				continue
			}
			if !parsed {
				dns, dnsName = parseDNS(pkt, &h)
				parsed = true
			}
			if !h.hasL4 || h.l4Bad || h.proto != 17 || dns == dnsUndecided {
				reason |= CopyUserspace
				break
			}
			if dns != dnsOK {
				continue // a datagram without a query
			}
			if nameScan == nil {
				nameScan = e.scan(dnsName, true)
			}
			if nameScan.slotMatches(e.t, s) {
				reason |= CopyUserspace
				break
			}
		}
	}
	if probeHit {
		e.tls.probed(fk)
		res.App, reason = true, reason|CopyApp
	}
	if tls.syn {
		e.followTLS(&h, head, matched, fk, fromA)
	}
	if best == kernel.ActPass {
		res := Result{Verdict: ActOK, Flow: pf}
		if h.tunnel {
			// the inner packet of a tunnel is inspected on its own
			res.Events = []Event{{Kind: EventCopy, Reason: CopyTunnel}}
		}
		return res
	}
	if tls.syn && e.t.Any(append(head, e.sniSlots)...) {
		res.App, reason = true, reason|CopyApp
	}
	if best == kernel.ActDrop || best == kernel.ActReject {
		res.Verdict = ActShot
		if keyed && droppable(&h) && dropsFlow(e.t, matched) {
			e.drops.add(fk)
		}
	}
	var last uint32
	for n, i := range matched {
		s := &e.t.Slots[i]
		if (n > 0 && s.Rule == last) || s.NoAlert && s.Action != kernel.ActDrop && s.Action != kernel.ActReject {
			last = s.Rule
			continue
		}
		last = s.Rule
		if len(res.Events) == MaxEvents {
			break
		}
		res.Events = append(res.Events, Event{Kind: EventAlert, Rule: s.Rule, Verdict: uint8(s.Action)})
	}
	if pf&FlowBypassed != 0 {
		reason &^= CopyUserspace
	}
	if reason != 0 {
		res.Events = append(res.Events, Event{Kind: EventCopy, Reason: reason})
	}
	return res
}

// followTLS starts following a client SYN's flow when the classifier's
// slot walk visits a tls.sni slot: one the header selects before the
// first pass slot that matched (which ends the walk).
func (e *Evaluator) followTLS(h *headers, head []kernel.Bitset, matched []int, fk FlowKey, fwd bool) {
	first := len(e.t.Slots)
	for _, i := range matched {
		if e.t.Slots[i].Action == kernel.ActPass {
			first = min(first, i)
		}
	}
	if i := e.t.FirstAnd(append(head, e.sniSlots)...); i >= 0 && i < first {
		e.tls.follow(h, fk, fwd)
	}
}

func checks(s *kernel.Slot, h *headers) bool {
	if !cmp(s.Dsize, uint32(h.payloadLen)) || !cmp(s.TTL, uint32(h.ttl)) {
		return false
	}
	icmp := h.hasL4 && (h.proto == 1 || h.proto == 58)
	if (s.IType.Op != kernel.CmpNone && (!icmp || !cmp(s.IType, uint32(h.itype)))) ||
		(s.ICode.Op != kernel.CmpNone && (!icmp || !cmp(s.ICode, uint32(h.icode)))) {
		return false
	}
	if s.Flags.Mod == kernel.FlagsNone {
		return true
	}
	if h.proto != 6 || !h.hasL4 {
		return false
	}
	f := h.tcpFlags &^ s.Flags.Ignore
	switch s.Flags.Mod {
	case kernel.FlagsExact:
		return f == s.Flags.Set
	case kernel.FlagsPlus:
		return f&s.Flags.Set == s.Flags.Set
	case kernel.FlagsAny:
		return f&s.Flags.Set != 0
	}
	return f&s.Flags.Set != s.Flags.Set
}

func cmp(c kernel.Cmp, v uint32) bool {
	switch c.Op {
	case kernel.CmpEq:
		return v == c.A
	case kernel.CmpNe:
		return v != c.A
	case kernel.CmpLt:
		return v < c.A
	case kernel.CmpGt:
		return v > c.A
	case kernel.CmpLe:
		return v <= c.A
	case kernel.CmpGe:
		return v >= c.A
	case kernel.CmpRange:
		return c.A < v && v < c.B
	}
	return true
}

// scanner holds the items the automaton found in one payload.
type scanner struct {
	bits []uint64 // by item id
	ids  []uint32 // the items found
}

func (sc *scanner) has(id uint32) bool { return sc.bits[id>>6]&(1<<(id&63)) != 0 }

// scan runs the automaton over buf: the payload, or (name) the DNS name
// or the SNI in its dotprefix form.
func (e *Evaluator) scan(buf []byte, name bool) *scanner {
	a := &e.t.Automaton
	sc := e.narrow.scanner()
	state := uint32(0)
	for i, c := range buf {
		next := a.Delta[int(state)*a.NClasses+int(a.Class[c])]
		state = next &^ kernel.AcceptBit
		if next&kernel.AcceptBit == 0 {
			continue
		}
		for _, id := range a.OutItems[a.OutStart[state]:a.OutStart[state+1]] {
			if !sc.has(id) && itemHolds(&e.t.Items[id], buf, i+1, name) {
				sc.bits[id>>6] |= 1 << (id & 63)
				sc.ids = append(sc.ids, id)
			}
		}
	}
	return sc
}

// itemHolds checks an item's conditions for a match ending at end of
// buf. A plain dns.query item sees the name after its leading dot.
func itemHolds(it *kernel.Item, buf []byte, end int, name bool) bool {
	if (it.Buffer != kernel.BufPayload) != name {
		return false
	}
	base := 0
	if it.Buffer == kernel.BufDNSQuery || it.Buffer == kernel.BufTLSSNI {
		base = 1
	}
	start := end - len(it.Pattern)
	if start < base {
		return false
	}
	s, e, n := start-base, end-base, len(buf)-base
	switch {
	case s < int(it.Offset):
		return false
	case it.Depth > 0 && e > int(it.Offset+it.Depth):
		return false
	case it.StartsWith && s != 0:
		return false
	case it.EndsWith && e != n:
		return false
	case it.RestGE > 0 && n-e < int(it.RestGE):
		return false
	case it.RestLT > 0 && n-e >= int(it.RestLT):
		return false
	}
	return it.Nocase || slices.Equal(buf[start:end], it.Pattern)
}

func (sc *scanner) slotMatches(t *kernel.Tables, s *kernel.Slot) bool {
	for _, ref := range t.SlotItems[s.ItemStart : s.ItemStart+s.ItemCount] {
		if sc.has(ref&^kernel.ItemNegated) == (ref&kernel.ItemNegated != 0) {
			return false
		}
	}
	return true
}
