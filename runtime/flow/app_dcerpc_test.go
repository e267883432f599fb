package flow

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// dcePDU builds a little-endian connection-oriented DCE/RPC PDU.
func dcePDU(typ, flags uint8, callID uint32, body []byte) string {
	le := binary.LittleEndian
	b := []byte{5, 0, typ, flags, 0x10, 0, 0, 0}
	b = le.AppendUint16(b, uint16(16+len(body)))
	b = le.AppendUint16(b, 0)
	b = le.AppendUint32(b, callID)
	return string(append(b, body...))
}

func dceRequest(ctx, opnum uint16, stub string) []byte {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, uint32(len(stub)))
	b = le.AppendUint16(b, ctx)
	b = le.AppendUint16(b, opnum)
	return append(b, stub...)
}

// TestDCERPCFlow: a DCE/RPC flow is detected by its PDU header on any
// port; a bind accepted by its ack binds the request's interface, and
// fragmented stub data is reassembled per direction.
func TestDCERPCFlow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 4444)
	uuid := []byte{0x80, 0xbd, 0xa8, 0xaf, 0x8a, 0x7d, 0xc9, 0x11, 0xbe, 0xf4, 0x08, 0x00, 0x2b, 0x10, 0x29, 0x89}
	bind := append([]byte{0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0}, uuid...)
	bind = append(bind, 1, 0, 0, 0)
	bind = append(bind, make([]byte, 20)...)
	ack := []byte{0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}
	ack = append(ack, make([]byte, 24)...)
	first := dcePDU(0, 1, 2, dceRequest(0, 15, "stub-"))
	last := dcePDU(0, 2, 2, dceRequest(0, 15, "data"))
	feed(t, tr, concat(c.handshake(),
		c.c2s(dcePDU(11, 3, 1, bind)), c.s2c(dcePDU(12, 3, 1, ack)),
		c.c2s(first+last[:5]), c.c2s(last[5:]),
		c.s2c(dcePDU(2, 3, 2, []byte("\x04\x00\x00\x00\x00\x00\x00\x00resp"))), c.cAck(), c.sAck())...)
	var got []string
	for _, u := range s.of(inspect.KindApp) {
		d := u.dce
		got = append(got, fmt.Sprintf("%d %s %q opnum=%d ifaces=%d little=%v", u.dir, u.app, u.buffers["dcerpc.stub_data"], d.Opnum, len(d.Ifaces), d.Little))
	}
	want := []string{
		`1 dcerpc "stub-" opnum=15 ifaces=1 little=true`,
		`1 dcerpc "stub-data" opnum=15 ifaces=1 little=true`,
		`2 dcerpc "\x04\x00\x00\x00\x00\x00\x00\x00resp" opnum=15 ifaces=1 little=true`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("units\n%q\nwant\n%q", got, want)
	}
	if u := s.of(inspect.KindApp); len(u) > 0 && u[0].dce.Ifaces[0].UUID[0] != 0xaf {
		t.Errorf("interface %x", u[0].dce.Ifaces[0].UUID)
	}
}

// TestDCERPCStubTruncatedCounted: stub data past the configured bound is
// not kept, and counted.
func TestDCERPCStubTruncatedCounted(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DCERPCMaxStub = 4
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 135)
	feed(t, tr, concat(c.handshake(), c.c2s(dcePDU(0, 3, 1, dceRequest(0, 1, "abcdefgh"))), c.sAck(), c.cAck())...)
	units := s.withBuffer("dcerpc.stub_data")
	if len(units) != 1 || units[0].buffers["dcerpc.stub_data"] != "abcd" {
		t.Fatalf("units %+v", units)
	}
	if n := tr.Limits()["dcerpc_stub_truncated"]; n != 4 {
		t.Errorf("dcerpc_stub_truncated %d, want 4", n)
	}
}
