package engine

import (
	"cmp"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// urule is a userspace rule prepared for the runtime: its buffer matchers
// go to the Matcher, its other matchers are conditions checked here.
type urule struct {
	idx      int // index in the object's rules
	r        *ir.Rule
	matchIdx int // index in the matcher's rule list; -1 without buffer matchers
	conds    []ir.Matcher
	app      bool // inspects app-layer buffers
	frame    bool // inspects an app-layer frame (frame units)
	state    bool // compares a transaction's progress (state units)
	payload  bool // inspects the payload buffer
	stream   bool // payload inspected on the TCP stream, as Suricata does
	// needsPayload: the rule cannot match a packet without payload (a
	// payload buffer matcher, a dsize 0 fails), Suricata's
	// SIG_MASK_REQUIRE_PAYLOAD: it skips packets of a flow whose payload
	// is no longer inspected.
	needsPayload bool
	ipOnly       bool // alerts once per flow direction
	setsBits     bool
	xbits        bool   // uses xbits, state the workers share
	alertOnly    bool   // its thresholds decide only its alert (deferredLimits)
	appName      string // the rule's app-layer protocol
	// kernelApp: a kernel-tier rule on an app-layer buffer (dns.query,
	// tls.sni); userspace evaluates it only on units of packets the
	// classifier copied up undecided (Engine.appUndecided).
	kernelApp bool
	// filestore: the rule has the filestore keyword; a match marks the
	// unit's files to store.
	filestore bool
	// pseudo: the rule runs on a flow's end pseudo packets (pseudoRule)
	pseudo bool
}

// bufferMatcher reports whether m inspects a buffer (the Matcher's job)
// rather than packet or flow state.
func bufferMatcher(m ir.Matcher) bool {
	switch m := m.(type) {
	case *ir.Content, *ir.PCRE, *ir.IsDataAt, *ir.ByteTest, *ir.ByteJump, *ir.ByteExtract, *ir.Base64Decode, *ir.Dataset, *ir.Datarep, *ir.Absent, *ir.FileHash, *ir.Filestore, *ir.Entropy:
		return true
	case *ir.Size:
		return m.What != "dsize"
	}
	return false
}

// prepare splits r's matchers; the returned rule holds only the buffer
// matchers, for the Matcher, or is nil when there are none.
func prepare(idx int, r *ir.Rule) (*urule, *ir.Rule) {
	u := &urule{idx: idx, r: r, matchIdx: -1}
	var bufs []ir.Matcher
	packetOnly := false // Suricata's SIG_FLAG_REQUIRE_PACKET
	for _, m := range r.Matchers {
		if _, ok := m.(*ir.Filestore); ok {
			u.filestore = true
		}
		packetOnly = packetOnly || packetKeyword(m)
		if !bufferMatcher(m) {
			u.conds = append(u.conds, m)
			if ev, ok := m.(*ir.Event); ok && ev.Layer == ir.EventAppLayer && strings.Contains(ev.Name, ".") {
				u.app = true // raised on transactions: their units carry them
			}
			if f, ok := m.(*ir.Field); ok && appField(f) {
				u.app = true
				u.state = u.state || ir.IsStateField(f.Name)
			}
			switch m.(type) {
			case *ir.DCEIface, *ir.DCEOpnum:
				u.app = true // transaction keywords
			}
			continue
		}
		bufs = append(bufs, m)
		switch m.Buf().Name {
		case ir.BufPayload:
			u.payload = true
		case "ip.src", "ip.dst":
			// packet buffers, as the header buffers: inspected on packets,
			// of the rule's app-layer protocol when it names one
		default:
			if proto, _, ok := ir.FrameOf(m.Buf().Name); ok {
				u.frame, u.appName = true, proto
				continue
			}
			u.app = u.app || !inspect.IsHeaderBuffer(m.Buf().Name)
		}
	}
	p := r.Header.Proto
	u.stream = (p.L4 == "tcp" || p.L4 == "ip") && p.Mode != "pkt" && !r.Flow.NoStream && !packetOnly
	// Suricata's IP-only rules (ports allowed) may set flowbits, not read
	// them, and may use xbits, not flowint
	bitsIPOnly := true
	for _, b := range r.Bits {
		u.setsBits = u.setsBits || b.Sets()
		u.xbits = u.xbits || b.Kind == "xbits"
		bitsIPOnly = bitsIPOnly && (b.Kind == "flowbits" && b.Cmd == "set" || b.Kind == "xbits")
	}
	u.ipOnly = len(r.Matchers) == 0 && p.App == "" &&
		r.Flow == (ir.Flow{}) && len(r.Limits) == 0 && bitsIPOnly
	u.alertOnly = alertOnly(u)
	u.pseudo = pseudoRule(r)
	u.needsPayload = u.payload || !dsizeHolds(r, 0)
	if !u.frame {
		u.appName = p.App
	}
	if len(bufs) == 0 {
		return u, nil
	}
	only := *r
	only.Matchers = bufs
	return u, &only
}

// packetKeyword reports whether m is one of the keywords that make
// Suricata inspect a TCP rule's payload on packets only, never on the
// stream (SIG_FLAG_REQUIRE_PACKET): dsize, flags, the header fields
// (ttl, tos, id, tcp.seq, window, itype, ...), fragbits, ipopts, the
// VLAN keywords, the flow packet and byte counters and the header
// buffers (tcp.hdr, ...).
func packetKeyword(m ir.Matcher) bool {
	switch m := m.(type) {
	case *ir.Size:
		return m.What == "dsize"
	case *ir.TCPFlags, *ir.FragBits, *ir.IPOpt, *ir.VLANID, *ir.FlowCounter:
		return true
	case *ir.Field:
		return m.Name != "l3_proto" && !appField(m)
	}
	return inspect.IsHeaderBuffer(m.Buf().Name)
}

// wants reports whether the rule is evaluated on this kind of unit.
func (u *urule) wants(in *inspect.Unit) bool {
	if u.appName != "" && !ir.AppProtoEquals(u.appName, in.Flow.App) {
		// as Suricata's AppProtoEquals: http covers HTTP/1 and HTTP/2,
		// dns and http2 cover doh2
		return false
	}
	switch {
	case u.frame:
		return in.Kind == inspect.KindFrame
	case u.state:
		return in.Kind == inspect.KindState
	case u.app:
		return in.Kind == inspect.KindApp
	case u.payload && u.stream && inStream(in):
		return in.Kind == inspect.KindStream
	}
	return in.Kind == inspect.KindPacket || in.Kind == inspect.KindPseudo && u.pseudo
}

// inStream reports whether a unit's TCP payload is inspected as the
// reassembled stream: a unit of a reassembled flow, unless it is a packet
// with data the stream did not take (Suricata inspects the payload of a
// packet not added to the stream, PKT_STREAM_ADD, as a packet).
func inStream(u *inspect.Unit) bool {
	if u.Flow.Proto != 6 || !u.Flow.Reassembled {
		return false
	}
	p := u.Packet
	return u.Kind != inspect.KindPacket || p == nil || p.StreamAdded || len(p.Payload) == 0
}

// sortRules puts rules in Suricata's inspection order: action (by the
// action order), flowbit setters before readers, priority, then sid.
func sortRules(rs []*urule, order ActionOrder) {
	slices.SortStableFunc(rs, func(a, b *urule) int {
		return cmp.Or(
			cmp.Compare(order.rank(a.r.Action), order.rank(b.r.Action)),
			-cmpBool(a.setsBits, b.setsBits),
			cmp.Compare(a.r.Meta.Priority, b.r.Meta.Priority),
			cmp.Compare(a.r.Meta.SID, b.r.Meta.SID),
		)
	})
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// txUse is an app-layer protocol ("" for any) and the directions whose
// transaction units a rule inspects.
type txUse struct {
	app  string
	dirs [3]bool
}

// TxStreamFor returns which transaction units need their direction's
// stream as the payload buffer (flow.Config.TxStream, TxStreamFor): those
// of the app-layer protocols and directions of the rules that inspect
// the payload and app-layer buffers together (uricontent with content),
// evaluated on transactions; nil when no rule does.
func TxStreamFor(rules []*ir.Rule) func(app string, d inspect.Dir) bool {
	var uses []txUse
	for _, r := range rules {
		u, _ := prepare(0, r)
		if !u.app || !u.payload || u.frame || u.state {
			continue
		}
		x := txUse{app: u.appName}
		fl := r.Flow
		x.dirs[inspect.ToServer] = !fl.ToClient || r.Header.TxBoth
		x.dirs[inspect.ToClient] = !fl.ToServer || r.Header.TxBoth
		if !slices.Contains(uses, x) {
			uses = append(uses, x)
		}
	}
	if uses == nil {
		return nil
	}
	return func(app string, d inspect.Dir) bool {
		for _, x := range uses {
			if x.dirs[d] && (x.app == "" || ir.AppProtoEquals(x.app, app)) {
				return true
			}
		}
		return false
	}
}
