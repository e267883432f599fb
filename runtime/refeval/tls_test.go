package refeval

import (
	"encoding/binary"
	"testing"
)

func sniVec(b, body []byte) []byte {
	return append(binary.BigEndian.AppendUint16(b, uint16(len(body))), body...)
}

// helloRecord is a ClientHello for sni in one record, its key share
// padded to size the record.
func helloRecord(sni string, share int) string {
	b := append(binary.BigEndian.AppendUint16(nil, 0x0303), make([]byte, 32)...)
	b = append(b, 0)
	b = sniVec(b, []byte{0x13, 0x01})
	b = append(b, 1, 0)
	var exts []byte
	exts = sniVec(binary.BigEndian.AppendUint16(exts, 0), sniVec(nil, sniVec([]byte{0}, []byte(sni))))
	exts = sniVec(binary.BigEndian.AppendUint16(exts, 51), make([]byte, share))
	b = sniVec(b, exts)
	hs := append([]byte{1, 0, byte(len(b) >> 8), byte(len(b))}, b...)
	return string(sniVec([]byte{22, 3, 1}, hs))
}

// TestTLSFlowCopies follows flows as the classifier does: the handshake
// is copied up; a one-segment hello only probes the slots and its SNI is
// inspected on the client's first packet after a server packet, the flow
// copied until then only when a slot may match; a hello split over two
// segments is copied until userspace inspects it, and no further.
func TestTLSFlowCopies(t *testing.T) {
	tables := compileTables(t, `alert tls any any -> any any (flow:established,to_server; tls.sni; content:"evil.example"; endswith; sid:1;)`+"\n")
	const isn, sisn = 1000, 5000
	small := helloRecord("www.evil.example", 40)
	big := helloRecord("www.evil.example", 1800)
	other := helloRecord("www.good.example", 40)
	type want struct {
		app   bool
		alert bool
	}
	handshake := []step{
		{name: "syn", fromA: true, flags: syn, seq: isn},
		{name: "syn/ack", flags: synAck, seq: sisn, ack: isn + 1},
		{name: "ack", fromA: true, flags: ack, seq: isn + 1, ack: sisn + 1},
	}
	for _, tc := range []struct {
		name  string
		steps []step
		want  []want
	}{
		{"hello matching", []step{
			{name: "hello", fromA: true, flags: pshAck, seq: isn + 1, ack: sisn + 1, payload: small},
			{name: "server", flags: pshAck, seq: sisn + 1, ack: isn + 1 + uint32(len(small)), payload: "\x16\x03\x03\x00\x00"},
			{name: "trigger", fromA: true, flags: ack, seq: isn + 1 + uint32(len(small)), ack: sisn + 6},
			{name: "later", fromA: true, flags: pshAck, seq: isn + 1 + uint32(len(small)), ack: sisn + 6, payload: "data"},
		}, []want{{true, false}, {true, false}, {true, false}, {true, false}, {true, false}, {false, true}, {false, false}}},
		{"hello not matching", []step{
			{name: "hello", fromA: true, flags: pshAck, seq: isn + 1, ack: sisn + 1, payload: other},
			{name: "server", flags: pshAck, seq: sisn + 1, ack: isn + 1 + uint32(len(other)), payload: "\x16\x03\x03\x00\x00"},
			{name: "trigger", fromA: true, flags: ack, seq: isn + 1 + uint32(len(other)), ack: sisn + 6},
		}, []want{{true, false}, {true, false}, {true, false}, {false, false}, {false, false}, {false, false}}},
		{"hello split", []step{
			{name: "first", fromA: true, flags: ack, seq: isn + 1, ack: sisn + 1, payload: big[:1200]},
			{name: "server ack", flags: ack, seq: sisn + 1, ack: isn + 1201},
			{name: "second", fromA: true, flags: pshAck, seq: isn + 1201, ack: sisn + 1, payload: big[1200:]},
			{name: "server", flags: pshAck, seq: sisn + 1, ack: isn + 1 + uint32(len(big)), payload: "\x16\x03\x03\x00\x00"},
			{name: "trigger", fromA: true, flags: ack, seq: isn + 1 + uint32(len(big)), ack: sisn + 6},
			{name: "later", fromA: true, flags: pshAck, seq: isn + 1 + uint32(len(big)), ack: sisn + 6, payload: "data"},
		}, []want{{true, false}, {true, false}, {true, false}, {true, false}, {true, false}, {true, false}, {true, false}, {true, false}, {false, false}}},
	} {
		e := New(tables)
		steps := append(append([]step(nil), handshake...), tc.steps...)
		for i, s := range steps {
			r := e.Run(tcpFrame(s))
			alert := false
			for _, ev := range r.Events {
				alert = alert || ev.Kind == EventAlert
			}
			if r.App != tc.want[i].app || alert != tc.want[i].alert {
				t.Errorf("%s, %s: copied undecided %v, alert %v; want %v, %v", tc.name, s.name, r.App, alert, tc.want[i].app, tc.want[i].alert)
			}
		}
	}
}
