package flow

import (
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// reverses reports whether the packet's data turns a flow picked up
// midstream around: its first data, going one way, is what the other
// way says (an HTTP response to the server, a request to the client).
// Suricata's protocol detection then tries the other direction's
// patterns and reverses the flow (midstream pick-ups by an ACK only, not
// by a SYN/ACK, which already oriented it). A DNS response going to the
// server (port 53) reverses it the same way.
func (t *Tracker) reverses(f *flowState, d inspect.Dir, p *inspect.Packet) bool {
	tc := f.tcp
	cs, sc := inspect.ToServer, inspect.ToClient
	if !t.cfg.Midstream || !tc.session || tc.syn[cs] || tc.syn[sc] || f.app.kind != appUnknown || len(p.Payload) == 0 ||
		tc.inspected[cs]+tc.inspected[sc] > 0 || len(f.app.probe[cs])+len(f.app.probe[sc]) > 0 {
		return false
	}
	if (f.ClientPort == portDNS || f.ServerPort == portDNS) && dns.IsResponse(p.Payload, true) {
		return d == cs
	}
	req, _ := http.DetectRequest(p.Payload)
	resp, _ := http.DetectResponse(p.Payload)
	if d == cs {
		return resp && !req
	}
	return req && !resp
}

// udpReverses reports whether a UDP flow's first datagram, on port 53,
// is a DNS response: Suricata's probe then takes its receiver as the
// client and reverses the flow.
func (t *Tracker) udpReverses(f *flowState, d inspect.Dir, p *inspect.Packet) bool {
	return f.app.kind == appUnknown && d == inspect.ToServer && f.Pkts[inspect.ToClient] == 0 &&
		(p.Sport == portDNS || p.Dport == portDNS) && dns.IsResponse(p.Payload, false)
}

// reverse swaps a flow's client and server, and everything it tracks by
// direction.
func (t *Tracker) reverse(f *flowState) {
	t.stats.Reversed++
	f.clientIsA = !f.clientIsA
	f.Client, f.Server = f.Server, f.Client
	f.ClientPort, f.ServerPort = f.ServerPort, f.ClientPort
	swapDirs(&f.Pkts)
	swapDirs(&f.MACs)
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
		swapDirs(&tc.cuts)
		swapDirs(&tc.log)
		swapDirs(&tc.isn)
		swapDirs(&tc.next)
		swapDirs(&tc.seqSeen)
		swapDirs(&tc.unacked)
		swapDirs(&tc.unackedEnd)
		swapDirs(&tc.unackedEOF)
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
