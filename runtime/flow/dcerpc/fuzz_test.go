package dcerpc

import "testing"

// FuzzParser feeds arbitrary bytes split between the two directions: no
// panic, and the parser holds no more than its bounds allow.
func FuzzParser(f *testing.F) {
	f.Add(pdu(TypeBind, 3, true, 1, bindBody(true, []uint16{0}, [][16]byte{uuid}, 1)), uint8(0))
	f.Add(append(pdu(TypeRequest, 1, false, 1, request(false, 0, 1, []byte("ab"))),
		pdu(TypeResponse, 3, false, 1, []byte("12345678cd"))...), uint8(40))
	f.Add(pdu(TypeBindAck, 3, true, 1, bindAckBody([]uint16{0, 2})), uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		p := NewParser()
		p.MaxStub, p.MaxTx = 64, 4
		cut := min(int(split), len(data))
		for i, part := range [][]byte{data[:cut], data[cut:]} {
			_ = p.Feed(Side(i), part, func(tx *Tx) {
				if len(tx.Stub[0]) > p.MaxStub || len(tx.Stub[1]) > p.MaxStub {
					t.Fatalf("stub past MaxStub: %d %d", len(tx.Stub[0]), len(tx.Stub[1]))
				}
			})
		}
		if len(p.txs) > p.MaxTx || len(p.contexts) > maxContexts {
			t.Fatalf("%d transactions, %d contexts", len(p.txs), len(p.contexts))
		}
	})
}
