package dcerpc

import (
	"bytes"
	"errors"
	"testing"
)

// uuid is afa8bd80-7d8a-11c9-bef4-08002b102989 in string order; wire
// gives it as a little-endian PDU carries it.
var uuid = UUID{0xaf, 0xa8, 0xbd, 0x80, 0x7d, 0x8a, 0x11, 0xc9, 0xbe, 0xf4, 0x08, 0x00, 0x2b, 0x10, 0x29, 0x89}

func wire(u UUID, little bool) [16]byte {
	if !little {
		return u
	}
	return [16]byte(wireUUID(u[:], true))
}

type seen struct {
	txs []Tx
}

func (s *seen) fn(tx *Tx) { s.txs = append(s.txs, *tx) }

func TestFragmentedStubReassembled(t *testing.T) {
	for _, little := range []bool{true, false} {
		p := NewParser()
		var s seen
		in := append(pdu(TypeRequest, FlagFirstFrag, little, 7, request(little, 0, 9, []byte("abcdef"))),
			pdu(TypeRequest, FlagLastFrag, little, 7, request(little, 0, 9, []byte("gh")))...)
		// fed one byte at a time: PDUs split across segments
		for i := range in {
			if err := p.Feed(ToServer, in[i:i+1], s.fn); err != nil {
				t.Fatal(err)
			}
		}
		if len(s.txs) != 2 {
			t.Fatalf("little=%v: %d units, want one per fragment", little, len(s.txs))
		}
		last := s.txs[1]
		if string(last.Stub[ToServer]) != "abcdefgh" || !last.ReqDone || last.Opnum != 9 || last.Little != little {
			t.Errorf("little=%v: last fragment gives %+v", little, last)
		}
		if s.txs[0].ID != last.ID || s.txs[0].ReqDone {
			t.Errorf("little=%v: fragments not one open transaction: %+v", little, s.txs[0])
		}
	}
}

// A fragment with neither the first nor the last flag completes its
// transaction's direction, as in Suricata's evaluate_stub_params: the
// next fragment opens another transaction.
func TestMiddleFragmentCompletes(t *testing.T) {
	p := NewParser()
	var s seen
	for _, f := range []uint8{FlagFirstFrag, 0, FlagLastFrag} {
		must(t, p.Feed(ToServer, pdu(TypeRequest, f, true, 7, request(true, 0, 9, []byte{'a' + f})), s.fn))
	}
	if s.txs[1].ID != s.txs[0].ID || !s.txs[1].ReqDone || string(s.txs[1].Stub[ToServer]) != "ba" {
		t.Errorf("middle fragment: %+v", s.txs[1])
	}
	if s.txs[2].ID == s.txs[0].ID || string(s.txs[2].Stub[ToServer]) != "c" {
		t.Errorf("last fragment: %+v", s.txs[2])
	}
}

func TestResponseStubJoinsRequest(t *testing.T) {
	p := NewParser()
	var s seen
	must(t, p.Feed(ToServer, pdu(TypeRequest, 3, true, 1, request(true, 0, 2, []byte("req"))), s.fn))
	must(t, p.Feed(ToClient, pdu(TypeResponse, 3, true, 1, []byte("12345678resp")), s.fn))
	if len(s.txs) != 2 || s.txs[0].ID != s.txs[1].ID {
		t.Fatalf("request and response not one transaction: %+v", s.txs)
	}
	// Suricata's response stub data starts after the PDU header
	if got := string(s.txs[1].Stub[ToClient]); got != "12345678resp" {
		t.Errorf("response stub %q", got)
	}
	if p.Held() != 0 {
		t.Errorf("completed transaction still held: %d bytes", p.Held())
	}
	// a second request of the same call id is a new transaction
	must(t, p.Feed(ToServer, pdu(TypeRequest, 3, true, 1, request(true, 0, 2, []byte("again"))), s.fn))
	if s.txs[2].ID == s.txs[0].ID || string(s.txs[2].Stub[ToServer]) != "again" {
		t.Errorf("second call reused the first transaction: %+v", s.txs[2])
	}
}

func TestBindAckAcceptsAndRejects(t *testing.T) {
	other := UUID{1, 2, 3}
	for _, little := range []bool{true, false} {
		p := NewParser()
		must(t, p.Feed(ToServer, pdu(TypeBind, 3, little, 1,
			bindBody(little, []uint16{0, 1}, [][16]byte{wire(uuid, little), wire(other, little)}, 1)), nil))
		must(t, p.Feed(ToClient, pdu(TypeBindAck, 3, little, 1, bindAckBody([]uint16{2, 0})), nil))
		var s seen
		must(t, p.Feed(ToServer, pdu(TypeRequest, 3, little, 2, request(little, 0, 4, nil)), s.fn))
		must(t, p.Feed(ToServer, pdu(TypeRequest, 3, little, 3, request(little, 1, 4, nil)), s.fn))
		var got [2][]UUID
		for i := range s.txs {
			p.Accepted(&s.txs[i], func(c Context) { got[i] = append(got[i], c.UUID) })
		}
		// context 0 (uuid) was rejected with result 2, context 1 accepted
		if len(got[0]) != 0 || len(got[1]) != 1 || got[1][0] != other {
			t.Errorf("little=%v: accepted %v", little, got)
		}
		if cs := p.Contexts(); len(cs) != 2 || cs[0].UUID != uuid || cs[0].Version != 1 || !cs[0].FirstFrag {
			t.Errorf("little=%v: contexts %+v", little, cs)
		}
	}
}

func TestBindAckOfAnotherCallIgnored(t *testing.T) {
	p := NewParser()
	must(t, p.Feed(ToServer, pdu(TypeBind, 3, true, 1, bindBody(true, []uint16{0}, [][16]byte{wire(uuid, true)}, 1)), nil))
	must(t, p.Feed(ToClient, pdu(TypeBindAck, 3, true, 9, bindAckBody([]uint16{0})), nil))
	if c := p.Contexts()[0]; c.Acked {
		t.Errorf("ack of call 9 acked call 1's context: %+v", c)
	}
}

func TestMalformed(t *testing.T) {
	for name, tc := range map[string]struct {
		in   []byte
		want error
	}{
		"version 4":         {append([]byte{4}, pdu(TypeRequest, 3, true, 1, request(true, 0, 0, nil))[1:]...), ErrVersion},
		"frag_length < 16":  {[]byte{5, 0, 0, 3, 0x10, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0}, ErrMalformed},
		"short request":     {pdu(TypeRequest, 3, true, 1, []byte{1, 2, 3}), ErrMalformed},
		"short bind":        {pdu(TypeBind, 3, true, 1, []byte{1, 2}), ErrMalformed},
		"bind missing ctxs": {pdu(TypeBind, 3, true, 1, bindBody(true, nil, nil, 1)[:8]), ErrMalformed},
	} {
		p := NewParser()
		if name == "bind missing ctxs" {
			b := bindBody(true, nil, nil, 1)
			b[8] = 2 // two contexts announced, none present
			tc.in = pdu(TypeBind, 3, true, 1, b)
		}
		err := p.Feed(ToServer, tc.in, func(*Tx) { t.Errorf("%s: unit from a malformed PDU", name) })
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
		// the parser stops, as Suricata's does after an error
		if err := p.Feed(ToServer, pdu(TypeRequest, 3, true, 1, request(true, 0, 0, []byte("x"))), func(*Tx) {
			t.Errorf("%s: parsed after an error", name)
		}); err == nil {
			t.Errorf("%s: no error after a failure", name)
		}
	}
}

func TestTruncatedPDUWaits(t *testing.T) {
	p := NewParser()
	full := pdu(TypeRequest, 3, false, 1, request(false, 0, 5, []byte("stub")))
	must(t, p.Feed(ToServer, full[:10], func(*Tx) { t.Error("unit from half a header") }))
	must(t, p.Feed(ToServer, full[10:20], func(*Tx) { t.Error("unit from half a PDU") }))
	if p.Held() != 20 {
		t.Errorf("held %d bytes, want 20", p.Held())
	}
	var s seen
	must(t, p.Feed(ToServer, full[20:], s.fn))
	if len(s.txs) != 1 || s.txs[0].Opnum != 5 || !bytes.Equal(s.txs[0].Stub[ToServer], []byte("stub")) {
		t.Errorf("got %+v", s.txs)
	}
}

func TestMaxStubBoundsAndCounts(t *testing.T) {
	p := NewParser()
	p.MaxStub = 5
	var s seen
	must(t, p.Feed(ToServer, pdu(TypeRequest, FlagFirstFrag, true, 1, request(true, 0, 0, []byte("abcd"))), s.fn))
	must(t, p.Feed(ToServer, pdu(TypeRequest, FlagLastFrag, true, 1, request(true, 0, 0, []byte("efgh"))), s.fn))
	tx := s.txs[1]
	if string(tx.Stub[ToServer]) != "abcde" || !tx.StubTruncated || p.StubTruncated != 3 {
		t.Errorf("stub %q truncated %v counted %d", tx.Stub[ToServer], tx.StubTruncated, p.StubTruncated)
	}
}

func TestMaxTxEvicts(t *testing.T) {
	p := NewParser()
	p.MaxTx = 2
	for call := range uint32(3) {
		must(t, p.Feed(ToServer, pdu(TypeRequest, 3, true, call, request(true, 0, 0, []byte("x"))), func(*Tx) {}))
	}
	if len(p.txs) != 2 || p.TxEvicted != 1 || p.txs[0].CallID != 1 {
		t.Errorf("%d open, %d evicted", len(p.txs), p.TxEvicted)
	}
}

func TestProbe(t *testing.T) {
	req := pdu(TypeRequest, 3, true, 1, request(true, 0, 0, nil))
	for name, tc := range map[string]struct {
		in       []byte
		is, more bool
	}{
		"request":       {req, true, false},
		"two bytes":     {req[:2], false, true},
		"one byte":      {req[:1], false, true},
		"minor 1":       {append([]byte{5, 1}, req[2:]...), false, false},
		"bad drep":      {append(append([]byte{}, req[:4]...), append([]byte{0x20}, req[5:]...)...), false, false},
		"http":          {[]byte("GET / HTTP/1.1\r\n"), false, false},
		"big endian ok": {pdu(TypeBindAck, 3, false, 1, nil), true, false},
	} {
		is, more := Probe(tc.in)
		if is != tc.is || more != tc.more {
			t.Errorf("%s: %v %v, want %v %v", name, is, more, tc.is, tc.more)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
