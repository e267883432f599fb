package kernel

import (
	"errors"

	"github.com/cilium/ebpf"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/runtime/refeval"
)

// mapFlows is the classifier's flow map as a refeval.FlowStore.
type mapFlows struct {
	m   *ebpf.Map
	err error // the first failure other than a missing flow
}

func flowKeyValue(k refeval.FlowKey) bpf.RulecFlowKey {
	return bpf.RulecFlowKey{A: k.A, B: k.B, Ap: k.AP, Bp: k.BP, Vlan: k.VLANs, Proto: k.Proto}
}

func (f *mapFlows) Get(k refeval.FlowKey) (refeval.FlowState, bool) {
	var v bpf.RulecFlowState
	if err := f.m.Lookup(flowKeyValue(k), &v); err != nil {
		if !errors.Is(err, ebpf.ErrKeyNotExist) && f.err == nil {
			f.err = err
		}
		return refeval.FlowState{}, false
	}
	return refeval.FlowState{ClientISN: v.ClientIsn, ClientNext: v.ClientNext, ServerNext: v.ServerNext,
		ClientA: v.ClientA != 0, Seen: v.Seen, TCP: uint8(v.Tcp), Fin: v.Fin, Bypass: v.Bypass,
		Keep: [2]refeval.Keep{{Min: v.KeepMin[0], Max: v.KeepMax[0]}, {Min: v.KeepMin[1], Max: v.KeepMax[1]}}}, true
}

func (f *mapFlows) Put(k refeval.FlowKey, st refeval.FlowState) bool {
	v := bpf.RulecFlowState{ClientIsn: st.ClientISN, ClientNext: st.ClientNext, ServerNext: st.ServerNext,
		ClientA: flag(st.ClientA), Seen: st.Seen, Tcp: bpf.RulecFlowTcp(st.TCP), Fin: st.Fin, Bypass: st.Bypass,
		KeepMin: [2]uint16{st.Keep[0].Min, st.Keep[1].Min}, KeepMax: [2]uint16{st.Keep[0].Max, st.Keep[1].Max}}
	if err := f.m.Put(flowKeyValue(k), v); err != nil {
		if f.err == nil {
			f.err = err
		}
		return false
	}
	return true
}

// Track updates the flow map with a frame the classifier does not see (a
// packet reassembled from fragments, or one too large for a test run), as
// the classifier would, and returns what the map says of it.
func (c *Classifier) Track(frame []byte) (refeval.FlowView, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &mapFlows{m: c.objs.RcFlows}
	pf := refeval.Track(frame, s, c.midstream)
	return pf, s.err
}

// Bypass marks the direction of frame's flow (both directions with both)
// bypassed: its packets are no longer copied for userspace rules, but for
// those whose payload length keep holds. It reports whether the flow was
// in the map.
func (c *Classifier) Bypass(frame []byte, both bool, keep refeval.Keep) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &mapFlows{m: c.objs.RcFlows}
	found := refeval.Bypass(frame, s, both, keep)
	return found, s.err
}
