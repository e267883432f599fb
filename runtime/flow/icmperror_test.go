package flow

import (
	"net/netip"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/inspect"
)

// unreachable is an ICMP port unreachable from src to dst quoting the
// IP packet quoted (its header and first 8 bytes, as routers send).
func unreachable(src, dst string, quoted []byte) []byte {
	ip := quoted[14:] // the quoted frame's IP packet
	return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr(src), Dst: netip.MustParseAddr(dst), Proto: 1, IType: 3, ICode: 3, Payload: ip[:28]})
}

// TestICMPErrorJoinsQuotedFlow: an ICMP destination unreachable belongs to
// the flow of the packet it quotes, as Suricata's flow lookup has it: no
// flow of its own, counted in that flow in the direction of its sender
// (the client here), and a TCP flow is not established by it.
func TestICMPErrorJoinsQuotedFlow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	answer := udp("10.0.0.2", "10.0.0.1", 53, 5000, []byte("answer"))
	feed(t, tr, udp("10.0.0.1", "10.0.0.2", 5000, 53, []byte("query")), answer, unreachable("10.0.0.1", "10.0.0.2", answer))
	if st := tr.Stats(); st.Flows != 1 {
		t.Fatalf("%d flows, want the UDP flow alone", st.Flows)
	}
	pkts := s.of(inspect.KindPacket)
	last := pkts[len(pkts)-1]
	if last.packet.Proto != 1 || last.flow != pkts[0].flow || last.dir != inspect.ToServer {
		t.Errorf("ICMP error in flow %p dir %v, want the UDP flow %p to the server", last.flow, last.dir, pkts[0].flow)
	}
	if f := last.flow; f.Pkts[inspect.ToServer] != 2 || f.Pkts[inspect.ToClient] != 1 {
		t.Errorf("flow packets %v", f.Pkts)
	}

	tr, s = newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	first := c.frame(true, syn, c.cseq-1, 0, "")
	feed(t, tr, first, unreachable("10.0.0.2", "10.0.0.1", first))
	if st := tr.Stats(); st.Flows != 1 {
		t.Fatalf("TCP: %d flows, want one", st.Flows)
	}
	if f := s.units[len(s.units)-1].flow; f.Established || f.Pkts[inspect.ToClient] != 1 {
		t.Errorf("TCP flow after the error: established %v, packets %v", f.Established, f.Pkts)
	}
}
