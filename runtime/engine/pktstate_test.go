package engine

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestPacketDataOutsideStreamInspectedAsPacket: in a reassembled flow, a
// packet whose data the stream did not take (a SYN's, data before the
// handshake) has its payload inspected by the stream payload rules, as
// Suricata inspects a packet without PKT_STREAM_ADD.
func TestPacketDataOutsideStreamInspectedAsPacket(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"stream"; content:"x"; sid:1;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	f.Established = false
	u := packetUnit(f, inspect.ToServer, "x")
	u.Packet.StreamAdded = false
	h.frame(t, u)
	h.frame(t, packetUnit(f, inspect.ToServer, "x"))
	got := h.alerts(t)
	if len(got) != 1 || got[0].SID != 1 || got[0].PcapCnt != 1 {
		t.Errorf("alerts %+v, want sid 1 on the packet outside the stream only", got)
	}
}

// TestPacketKeywordRulesInspectPackets: a TCP rule with a packet keyword
// (flags, ttl, ...) inspects packet payloads, never the stream, as
// Suricata's SIG_FLAG_REQUIRE_PACKET.
func TestPacketKeywordRulesInspectPackets(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"flags"; flags:PA; content:"x"; sid:1;)
alert tcp any any -> any 80 (msg:"ttl"; ttl:<100; content:"x"; sid:2;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	u := packetUnit(f, inspect.ToServer, "x")
	u.Packet.TCPFlags, u.Packet.TTL = 0x18, 64
	h.frame(t, u)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	got := h.alerts(t)
	if len(got) != 2 || got[0].PcapCnt != 1 || got[1].PcapCnt != 1 {
		t.Errorf("alerts %+v, want sids 1 and 2 on the packet", got)
	}
}

// TestFlowEstablishedIsThePacketsFlag: flow:established tests the
// packet's flag, not its flow's state: the ACK completing a handshake is
// not established though its flow is.
func TestFlowEstablishedIsThePacketsFlag(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"new"; flow:not_established; flowbits:isnotset,never; sid:1;)
alert tcp any any -> any 80 (msg:"est"; flow:established; flowbits:isnotset,never; sid:2;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	u := packetUnit(f, inspect.ToServer, "")
	u.Packet.Established = false
	h.frame(t, u)
	h.frame(t, packetUnit(f, inspect.ToServer, ""))
	got := h.alerts(t)
	if len(got) != 2 || got[0].SID != 1 || got[0].PcapCnt != 1 || got[1].SID != 2 || got[1].PcapCnt != 2 {
		t.Errorf("alerts %+v, want sid 1 on the handshake's ACK, sid 2 after", got)
	}
}
