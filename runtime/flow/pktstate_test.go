package flow

import (
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/inspect"
)

// packetFlags lists, per packet unit, whether its packet was established
// and whether its data went into the stream.
func packetFlags(s *sink) (est, added []bool) {
	for _, u := range s.of(inspect.KindPacket) {
		est = append(est, u.packet.Established)
		added = append(added, u.packet.StreamAdded)
	}
	return est, added
}

func eqBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestHandshakeACKEstablishedWithDataOnly: Suricata marks a packet
// established before its stream engine runs, so the ACK completing the
// handshake is not established unless it carries data, though the flow
// is established from then on.
func TestHandshakeACKEstablishedWithDataOnly(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\n\r\n"))...)
	est, added := packetFlags(s)
	if want := []bool{false, false, false, true}; !eqBools(est, want) {
		t.Errorf("packets established %v, want %v", est, want)
	}
	if want := []bool{false, false, false, true}; !eqBools(added, want) {
		t.Errorf("packets added to the stream %v, want %v", added, want)
	}
	if !s.units[2].est {
		t.Error("flow not established by the handshake's ACK")
	}

	tr, s = newTracker(DefaultConfig())
	c = newConn("10.0.0.1", "10.0.0.2", 40001, 80)
	feed(t, tr, c.frame(true, syn, 1000, 0, ""), c.frame(false, syn|ack, 5000, 1001, ""), c.frame(true, ack|psh, 1001, 5001, "data"))
	est, added = packetFlags(s)
	if want := []bool{false, false, true}; !eqBools(est, want) || !added[2] {
		t.Errorf("handshake ACK with data: established %v added %v, want %v and added", est, added, want)
	}
}

// TestSYNDataTakenWithFastOpenOnly: data on a SYN goes into the stream
// only with a TCP Fast Open option; otherwise the SYN's payload is
// inspected as a packet and the app layer never sees it.
func TestSYNDataTakenWithFastOpenOnly(t *testing.T) {
	for _, tfo := range []bool{false, true} {
		tr, s := newTracker(DefaultConfig())
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		spec := pktgen.Spec{Src: c.cli, Dst: c.srv, Proto: 6, Sport: c.cport, Dport: c.sport, TCPFlags: syn, Seq: 1000, Payload: []byte("Hi all!\r\n")}
		if tfo {
			spec.TCPOptions = []pktgen.TCPOption{{Kind: 34, Data: []byte{1, 2, 3, 4, 5, 6, 7, 8}}}
		}
		feed(t, tr, pktgen.Build(spec), c.frame(false, syn|ack, 5000, 1010, ""), c.frame(true, ack, 1010, 5001, ""))
		tr.Flush()
		_, added := packetFlags(s)
		if added[0] != tfo {
			t.Errorf("TFO %v: SYN data added %v", tfo, added[0])
		}
		if got := s.stream(inspect.ToServer); (got == "Hi all!\r\n") != tfo {
			t.Errorf("TFO %v: client stream %q", tfo, got)
		}
	}
}

// TestDataBeforeHandshakeNotInStream: after SYN and a SYN from the server
// (a four-way handshake), the client's data comes before the session is
// established: it stays out of the stream, and the flow is established
// only once the client's SYN/ACK is acknowledged.
func TestDataBeforeHandshakeNotInStream(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.frame(true, syn, 1000, 0, ""), c.frame(false, syn, 5000, 0, ""), c.frame(true, ack|psh, 1001, 0, "early"))
	tr.Flush()
	est, added := packetFlags(s)
	if !eqBools(est, []bool{false, false, false}) || added[2] {
		t.Errorf("established %v, added %v: want data before the handshake neither", est, added)
	}
	if got := s.stream(inspect.ToServer); got != "" {
		t.Errorf("client stream %q, want nothing", got)
	}
}

// TestNoStreamDataAfterReset: data after a reset is inspected as packets.
func TestNoStreamDataAfterReset(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("one"), c.frame(false, rst|ack, c.sseq, c.cseq, ""), c.c2s("two"))...)
	_, added := packetFlags(s)
	if want := []bool{false, false, false, true, false, false}; !eqBools(added, want) {
		t.Errorf("added %v, want %v", added, want)
	}
}

// TestMidstreamEstablishedAfterPickup: a session picked up midstream is
// established at once, so its packets are from the second on, whichever
// way they go.
func TestMidstreamEstablishedAfterPickup(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Midstream = true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
	feed(t, tr, c.c2s("GET /a HTTP/1.1\r\n"), c.c2s("Host: x\r\n\r\n"))
	est, added := packetFlags(s)
	if !eqBools(est, []bool{false, true}) || !eqBools(added, []bool{true, true}) {
		t.Errorf("established %v, added %v", est, added)
	}
	if !s.units[0].est {
		t.Error("flow not established at the pick-up")
	}
}
