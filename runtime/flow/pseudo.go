package flow

import "github.com/rulec/rulec/runtime/inspect"

// pseudoDirs says, by Dir, which directions of an ending TCP flow get
// Suricata's flow end pseudo packet (FlowNeedsReassembly) before its
// streams are flushed: both while the session is established and not
// closed, the server's while an HTTP transaction is still open. The
// directions whose flush inspects data are added by end.
func (t *Tracker) pseudoDirs(f *flowState) [3]bool {
	var dirs [3]bool
	switch f.tcpStateName() {
	case "none", "syn_sent", "syn_recv", "closed":
	default:
		dirs[inspect.ToServer], dirs[inspect.ToClient] = true, true
	}
	if len(f.app.httpOpen) > 0 {
		dirs[inspect.ToClient] = true
	}
	return dirs
}

// sendPseudo inspects the flow end pseudo packet of each direction dirs
// names, to server first.
func (t *Tracker) sendPseudo(f *flowState, dirs [3]bool) {
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		if !dirs[d] {
			continue
		}
		u := t.plainUnit(f, inspect.KindPseudo, d)
		u.Packet, u.TS = nil, t.now
		t.send(u)
	}
}
