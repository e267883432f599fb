package flow

import (
	"github.com/rulec/rulec/runtime/flow/dcerpc"
	"github.com/rulec/rulec/runtime/inspect"
)

// dcerpcBuffer is the stub data sticky buffer.
const dcerpcBuffer = "dcerpc.stub_data"

// dcerpcData parses one direction of a DCE/RPC flow; each request or
// response PDU gives a unit of its transaction in the data's direction,
// with the stub data that direction reassembled so far.
func (t *Tracker) dcerpcData(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	p := a.dcerpc
	side := dcerpc.ToServer
	if d == inspect.ToClient {
		side = dcerpc.ToClient
	}
	truncated := p.StubTruncated
	err := p.Feed(side, b, func(tx *dcerpc.Tx) {
		u := t.unit(f, inspect.KindApp, d)
		u.Tx = tx.ID
		u.SetBuffer(dcerpcBuffer, tx.Stub[side])
		dce := &inspect.DCE{RequestSeen: tx.RequestSeen, Opnum: tx.Opnum, Little: tx.Little}
		p.Accepted(tx, func(c dcerpc.Context) {
			dce.Ifaces = append(dce.Ifaces, inspect.DCEIface{UUID: c.UUID, Version: c.Version, FirstFrag: c.FirstFrag})
		})
		u.DCE = dce
		t.send(u)
	})
	t.stats.DCERPCStubTruncated += p.StubTruncated - truncated
	if err != nil {
		t.stats.ParseErrors++
	}
	if !t.chargeApp(f) {
		// the stream memcap refuses what the parser holds: Suricata
		// stops the app-layer parser of the flow
		a.kind, a.dcerpc = appNone, nil
		t.chargeApp(f)
	}
}
