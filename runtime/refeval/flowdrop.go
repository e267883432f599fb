package refeval

import (
	"bytes"
	"sync"
)

// FlowDrops is how many flows a drop verdict marks, as bpf/rulec.h's
// FLOW_DROPS; past it the oldest mark goes (the classifier's LRU map
// drops the least recently used).
const FlowDrops = 65536

// flowKey is a TCP or UDP flow, the same for both directions: endpoints
// in order (address bytes, then port), protocol and VLAN ids.
type flowKey struct {
	a, b   [16]byte
	ap, bp uint16
	vlans  [maxVLAN]uint16
	proto  uint8
}

// keyOf returns the packet's flow key, as bpf/flowdrop.h's flow_key.
func keyOf(h *headers) (flowKey, bool) {
	if h.fragment || !h.hasL4 || (h.proto != 6 && h.proto != 17) {
		return flowKey{}, false
	}
	var src, dst [16]byte
	if h.src.Is4() {
		s4, d4 := h.src.As4(), h.dst.As4()
		copy(src[:], s4[:])
		copy(dst[:], d4[:])
	} else {
		src, dst = h.src.As16(), h.dst.As16()
	}
	k := flowKey{vlans: h.vlans, proto: h.proto}
	c := bytes.Compare(src[:], dst[:])
	if c < 0 || c == 0 && h.sport <= h.dport {
		k.a, k.b, k.ap, k.bp = src, dst, h.sport, h.dport
	} else {
		k.a, k.b, k.ap, k.bp = dst, src, h.dport, h.sport
	}
	return k, true
}

// flowDrops is the set of dropped flows, bounded; safe for concurrent use
// (workers share one evaluator).
type flowDrops struct {
	mu    sync.Mutex
	set   map[flowKey]bool
	order []flowKey
}

func (f *flowDrops) has(k flowKey) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.set[k]
}

func (f *flowDrops) add(k flowKey) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.set == nil {
		f.set = map[flowKey]bool{}
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
}
