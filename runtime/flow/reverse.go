package flow

import (
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// reverses reports whether the packet's data turns a flow picked up
// midstream around: its first data, going one way, is what the other
// way says (an HTTP response to the server, a request to the client).
// Suricata's protocol detection then tries the other direction's
// patterns and reverses the flow (midstream pick-ups by an ACK only, not
// by a SYN/ACK, which already oriented it).
func (t *Tracker) reverses(f *flowState, d inspect.Dir, p *inspect.Packet) bool {
	tc := f.tcp
	cs, sc := inspect.ToServer, inspect.ToClient
	if !t.cfg.Midstream || !tc.session || tc.syn[cs] || tc.syn[sc] || f.app.kind != appUnknown || len(p.Payload) == 0 ||
		tc.inspected[cs]+tc.inspected[sc] > 0 || len(f.app.probe[cs])+len(f.app.probe[sc]) > 0 {
		return false
	}
	req, _ := http.DetectRequest(p.Payload)
	resp, _ := http.DetectResponse(p.Payload)
	if d == cs {
		return resp && !req
	}
	return req && !resp
}

// reverse swaps a flow's client and server, and everything it tracks by
// direction.
func (t *Tracker) reverse(f *flowState) {
	t.stats.Reversed++
	f.clientIsA = !f.clientIsA
	f.Client, f.Server = f.Server, f.Client
	f.ClientPort, f.ServerPort = f.ServerPort, f.ClientPort
	swapDirs(&f.Pkts)
	swapDirs(&f.Bytes)
	swapDirs(&f.TCPFlags)
	swapDirs(&f.DepthReached)
	swapDirs(&f.KernelBypassed)
	swapDirs(&f.PastDepth)
	swapDirs(&f.StreamSize)
	swapDirs(&f.DropLogged)
	swapDirs(&f.app.probe)
	swapDirs(&f.app.dns)
	swapDirs(&f.app.ssh)
	swapDirs(&f.app.tlsRecords)
	swapDirs(&f.app.tlsHSDone)
	if tc := f.tcp; tc != nil {
		swapDirs(&tc.half)
		swapDirs(&tc.syn)
		swapDirs(&tc.synAck)
		swapDirs(&tc.fin)
		swapDirs(&tc.chunk)
		swapDirs(&tc.inspected)
		swapDirs(&tc.gap)
		swapDirs(&tc.isn)
		swapDirs(&tc.next)
		swapDirs(&tc.seqSeen)
		m := &tc.model
		swapDirs(&m.lastAck)
		swapDirs(&m.nextWin)
		swapDirs(&m.window)
		swapDirs(&m.acked)
		swapDirs(&m.wscale)
		swapDirs(&m.lastTS)
		swapDirs(&m.rstRecv)
		if m.sender != 0 {
			m.sender = other(m.sender)
		}
	}
}

func swapDirs[T any](a *[3]T) {
	a[inspect.ToServer], a[inspect.ToClient] = a[inspect.ToClient], a[inspect.ToServer]
}
