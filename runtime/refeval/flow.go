package refeval

import (
	"container/list"
	"sync"

	"github.com/rulec/rulec/codegen/kernel"
)

// FlowMax is how many flows the flow map tracks, as bpf/rulec.h's
// FLOW_MAX; past it the least recently used flow goes.
const FlowMax = 65536

// FlowView is what the flow map says of a packet, bits as bpf/rulec.h's
// pkt_flow.
type FlowView uint8

const (
	FlowTracked     FlowView = 1 // the packet has flow state
	FlowToServer    FlowView = 2 // from the flow's client
	FlowToClient    FlowView = 4 // from the flow's server
	FlowEstablished FlowView = 8 // Suricata's FLOW_PKT_ESTABLISHED
	// FlowBypassed: userspace bypassed the packet's direction, which is
	// not copied for userspace rules.
	FlowBypassed FlowView = 16
)

// FlowOK checks a slot's flow predicate on a packet, as bpf/flow.h's
// flow_ok. A packet without flow state is one Suricata gives no flow: it
// is inspected as going to the server, and the predicates needing a flow
// (established, not_established, stateless) do not hold.
func FlowOK(req kernel.FlowReq, pf FlowView) bool {
	switch {
	case req == 0:
		return true
	case pf&FlowTracked == 0:
		return req == kernel.FlowToServer
	case req&kernel.FlowToServer != 0 && pf&FlowToServer == 0,
		req&kernel.FlowToClient != 0 && pf&FlowToClient == 0,
		req&kernel.FlowEstablished != 0 && pf&FlowEstablished == 0,
		req&kernel.FlowNotEstablished != 0 && pf&FlowEstablished != 0:
		return false
	}
	return true
}

// TCP session states, as bpf/rulec.h's flow_tcp.
const (
	tcpNone = iota
	tcpSynSent
	tcpSynRecv
	tcpEstablished
	tcpClosed
)

const (
	thFIN = 0x01
	thSYN = 0x02
	thRST = 0x04
	thACK = 0x10
)

// FlowState is the flow map's value, as bpf/rulec.h's flow_state.
type FlowState struct {
	ClientISN, ClientNext, ServerNext uint32  // TCP handshake
	ClientA                           bool    // the key's endpoint A is the client
	Seen                              uint8   // 1: a packet to the server, 2: to the client
	TCP                               uint8   // session state (bpf/rulec.h's flow_tcp)
	Fin                               uint8   // TCP: FIN seen, 1: from the client, 2: from the server
	Bypass                            uint8   // set by userspace, 1: the client's direction, 2: the server's
	Keep                              [2]Keep // by direction (0: the client's): what a bypassed direction still copies
}

// Keep is the payload lengths, Min to Max bytes, of a bypassed
// direction's packets that are still copied (userspace packet rules with
// dsize may match them); NoKeep keeps none.
type Keep struct{ Min, Max uint16 }

// NoKeep keeps no packet of a bypassed direction.
var NoKeep = Keep{Min: 1, Max: 0}

// FlowStore holds flow states: the evaluator's table, or the classifier's
// map read from userspace.
type FlowStore interface {
	// Get returns the flow's state (a lookup, which an LRU store counts
	// as a use).
	Get(k FlowKey) (FlowState, bool)
	// Put stores the flow's state; false when the store refused it.
	Put(k FlowKey, st FlowState) bool
}

// Track updates the flow of frame in s as the classifier does (with
// stream.midstream on or off) and returns what the flow map says of the
// frame: userspace runs it for the frames the classifier does not see
// (reassembled from fragments, or too large for a test run).
func Track(frame []byte, s FlowStore, midstream bool) FlowView {
	h, isIP, ok := parse(frame)
	if !isIP || !ok || h.deep {
		return 0
	}
	k, fromA, keyed := keyOf(&h)
	return track(s, &h, k, fromA, keyed, midstream)
}

// flowTable is the evaluator's flow map, bounded by max with exact LRU
// eviction; safe for concurrent use.
type flowTable struct {
	mu    sync.Mutex
	max   int
	flows map[FlowKey]*list.Element // of *flowEntry
	lru   list.List                 // most recent first
}

type flowEntry struct {
	key FlowKey
	st  FlowState
}

func newFlowTable(max int) *flowTable {
	return &flowTable{max: max, flows: map[FlowKey]*list.Element{}}
}

func (t *flowTable) Get(k FlowKey) (FlowState, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return (*lockedFlows)(t).Get(k)
}

func (t *flowTable) Put(k FlowKey, st FlowState) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return (*lockedFlows)(t).Put(k, st)
}

// lockedFlows is a flowTable whose lock its user holds: a packet's
// lookup and update take the lock once, which workers sharing the table
// otherwise pass between their cores twice.
type lockedFlows flowTable

func (t *lockedFlows) Get(k FlowKey) (FlowState, bool) {
	el := t.flows[k]
	if el == nil {
		return FlowState{}, false
	}
	t.lru.MoveToFront(el)
	return el.Value.(*flowEntry).st, true
}

func (t *lockedFlows) Put(k FlowKey, st FlowState) bool {
	if el := t.flows[k]; el != nil {
		el.Value.(*flowEntry).st = st
		t.lru.MoveToFront(el)
		return true
	}
	if len(t.flows) >= t.max {
		old := t.lru.Back()
		t.lru.Remove(old)
		delete(t.flows, old.Value.(*flowEntry).key)
	}
	t.flows[k] = t.lru.PushFront(&flowEntry{key: k, st: st})
	return true
}

func icmp4Error(h *headers) bool {
	if h.proto != 1 {
		return false
	}
	switch h.itype {
	case 3, 4, 5, 11, 12:
		return true
	}
	return false
}

func pureSYN(h *headers) bool { return h.tcpFlags&(thSYN|thACK|thRST|thFIN) == thSYN }

// track updates the packet's flow in s and returns what the map says of
// the packet, as bpf/flow.h's flow_track.
func track(s FlowStore, h *headers, k FlowKey, fromA, keyed, midstream bool) FlowView {
	if !keyed || icmp4Error(h) {
		return 0
	}
	if t, ok := s.(*flowTable); ok {
		t.mu.Lock()
		defer t.mu.Unlock()
		s = (*lockedFlows)(t)
	}
	st, found := s.Get(k)
	if found && h.proto == 6 && pureSYN(h) && reuse(&st, h, fromA == st.ClientA) {
		found = false
	}
	if !found {
		st = newFlow(h, fromA, midstream)
		if !s.Put(k, st) {
			return 0
		}
		if st.Seen == 2 {
			return FlowTracked | FlowToClient
		}
		return FlowTracked | FlowToServer
	}
	toServer := fromA == st.ClientA
	dir, bit := FlowToClient, uint8(2)
	if toServer {
		dir, bit = FlowToServer, 1
	}
	st.Seen |= bit
	est := st.Seen == 3
	if h.proto == 6 {
		est = tcpStep(&st, h, toServer)
	}
	if !s.Put(k, st) {
		return 0
	}
	pf := FlowTracked | dir
	if est {
		pf |= FlowEstablished
	}
	if k := st.Keep[bit-1]; st.Bypass&bit != 0 && (h.payloadLen < int(k.Min) || h.payloadLen > int(k.Max)) {
		pf |= FlowBypassed
	}
	return pf
}

// Bypass marks the direction of frame's flow (both directions with both)
// as bypassed in s: the classifier stops copying its packets for
// userspace rules, but for those whose payload length keep holds. It
// reports whether the flow was in s.
func Bypass(frame []byte, s FlowStore, both bool, keep Keep) bool {
	h, isIP, ok := parse(frame)
	if !isIP || !ok || h.deep {
		return false
	}
	k, fromA, keyed := keyOf(&h)
	if !keyed {
		return false
	}
	st, found := s.Get(k)
	if !found {
		return false
	}
	switch {
	case both:
		st.Bypass, st.Keep = 3, [2]Keep{keep, keep}
	case fromA == st.ClientA:
		st.Bypass, st.Keep[0] = st.Bypass|1, keep
	default:
		st.Bypass, st.Keep[1] = st.Bypass|2, keep
	}
	return s.Put(k, st)
}

// reuse reports whether a pure SYN restarts the flow.
func reuse(st *FlowState, h *headers, toServer bool) bool {
	switch {
	case st.TCP == tcpNone:
		return true
	case toServer && h.seq == st.ClientISN:
		return false
	}
	return st.TCP == tcpClosed
}

// newFlow starts a flow with the packet as its first, as bpf/flow.h's
// flow_new; midstream is Suricata's stream.midstream.
func newFlow(h *headers, fromA, midstream bool) FlowState {
	st := FlowState{ClientA: fromA, Seen: 1}
	f := h.tcpFlags & (thSYN | thACK | thRST | thFIN)
	switch {
	case h.proto != 6:
	case f == thSYN:
		st.TCP, st.ClientISN, st.ClientNext = tcpSynSent, h.seq, h.seq+1
	case !midstream || f&thRST != 0:
	case f&thFIN != 0:
		if h.payloadLen > 0 {
			st.TCP, st.Fin = tcpEstablished, 1
		}
	case f&(thSYN|thACK) == thSYN|thACK:
		// the SYN/ACK's receiver is the client
		st.ClientA, st.Seen = !fromA, 2
		st.TCP, st.ClientNext, st.ServerNext = tcpSynRecv, h.ack, h.seq+1
	case f&thACK != 0:
		st.TCP = tcpEstablished
	}
	return st
}

// tcpStep advances the session with a packet of an existing flow and
// reports whether the packet is established.
func tcpStep(st *FlowState, h *headers, toServer bool) bool {
	f := h.tcpFlags & (thSYN | thACK | thRST | thFIN)
	est := st.TCP >= tcpEstablished
	switch st.TCP {
	case tcpSynSent:
		if !toServer && f == thSYN|thACK && h.ack == st.ClientNext {
			st.TCP, st.ServerNext = tcpSynRecv, h.seq+1
		}
	case tcpSynRecv:
		if toServer && f == thACK && h.seq == st.ClientNext && h.ack == st.ServerNext {
			st.TCP = tcpEstablished
			est = h.payloadLen > 0
		}
	case tcpEstablished:
		if h.tcpFlags&thRST != 0 {
			st.TCP = tcpClosed
			break
		}
		if h.tcpFlags&thFIN != 0 {
			if toServer {
				st.Fin |= 1
			} else {
				st.Fin |= 2
			}
		}
		if st.Fin == 3 {
			st.TCP = tcpClosed
		}
	}
	return est
}
