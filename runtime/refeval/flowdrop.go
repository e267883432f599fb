package refeval

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/flowid"
)

// FlowDrops is how many flows a drop verdict marks, as bpf/rulec.h's
// FLOW_DROPS; past it the oldest mark goes (the classifier's LRU map
// drops the least recently used).
const FlowDrops = 65536

// FlowKey is a TCP, UDP, ICMP or ICMPv6 flow, the same for both
// directions, as bpf/rulec.h's flow_key: endpoints in order (address
// bytes, IPv4 in the first 4, then port; ICMP: type and paired type),
// protocol and VLAN ids.
type FlowKey struct {
	A, B   [16]byte
	AP, BP uint16
	VLANs  [maxVLAN]uint16
	Proto  uint8
}

// keyOf returns the packet's flow key and whether the packet goes from
// endpoint a to b, as bpf/flowdrop.h's flow_key.
func keyOf(h *headers) (k FlowKey, fromA, ok bool) {
	sp, dp := h.sport, h.dport
	switch {
	case h.fragment || !h.hasL4:
		return FlowKey{}, false, false
	case h.proto == 1 || h.proto == 58:
		sp, dp = flowid.ICMPPorts(h.proto, h.itype)
	case h.proto != 6 && h.proto != 17:
		return FlowKey{}, false, false
	}
	var src, dst [16]byte
	if h.src.Is4() {
		s4, d4 := h.src.As4(), h.dst.As4()
		copy(src[:], s4[:])
		copy(dst[:], d4[:])
	} else {
		src, dst = h.src.As16(), h.dst.As16()
	}
	k = FlowKey{VLANs: h.vlans, Proto: h.proto}
	c := bytes.Compare(src[:], dst[:])
	fromA = c < 0 || c == 0 && sp <= dp
	if fromA {
		k.A, k.B, k.AP, k.BP = src, dst, sp, dp
	} else {
		k.A, k.B, k.AP, k.BP = dst, src, dp, sp
	}
	return k, fromA, true
}

// droppable: flow drop marks TCP and UDP flows only.
func droppable(h *headers) bool { return h.proto == 6 || h.proto == 17 }

// flowDrops is the set of dropped flows, bounded; safe for concurrent use
// (workers share one evaluator).
type flowDrops struct {
	mu    sync.Mutex
	set   map[FlowKey]bool
	order []FlowKey
	// some is set with the first drop: until then a packet's check
	// takes no lock (a line every worker would pass around).
	some atomic.Bool
}

func (f *flowDrops) has(k FlowKey) bool {
	if !f.some.Load() {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.set[k]
}

func (f *flowDrops) add(k FlowKey) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.set == nil {
		f.set = map[FlowKey]bool{}
	}
	if f.set[k] {
		return
	}
	if len(f.order) >= FlowDrops {
		delete(f.set, f.order[0])
		f.order = f.order[1:]
	}
	f.set[k] = true
	f.order = append(f.order, k)
	f.some.Store(true)
}

// dropsFlow reports whether a matched drop or reject slot acts on the
// packet's flow (its DropScope), as bpf/match.h's record sets drop_flow.
func dropsFlow(t *kernel.Tables, matched []int) bool {
	for _, i := range matched {
		s := &t.Slots[i]
		if s.Action != kernel.ActDrop && s.Action != kernel.ActReject {
			continue
		}
		if s.DropScope == kernel.DropFlow {
			return true
		}
	}
	return false
}
