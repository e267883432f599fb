package engine

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestChecksumRules: tcpv4-csum:invalid alerts on the packet whose TCP
// checksum is wrong, tcpv4-csum:valid on the other, and a UDP keyword on
// neither.
func TestChecksumRules(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"bad"; tcpv4-csum:invalid; sid:1;)
alert tcp any any -> any any (msg:"good"; tcpv4-csum:valid; sid:2;)
alert ip any any -> any any (msg:"udp"; udpv4-csum:valid; sid:3;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	good := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 6, Sport: f.ClientPort, Dport: f.ServerPort, TCPFlags: 0x18, Payload: []byte("x")})
	bad := append([]byte(nil), good...)
	bad[14+20+16] ^= 1
	h.frame(t, frameUnit(t, f, bad))
	h.frame(t, frameUnit(t, f, good))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2}) {
		t.Errorf("alerts %v, want 1 on the corrupted packet, then 2", got)
	}
}

// frameUnit is a packet unit of f to the server carrying frame's headers.
func frameUnit(t *testing.T, f *inspect.Flow, frame []byte) *inspect.Unit {
	t.Helper()
	var d decode.Packet
	if err := decode.Decode(frame, &d); err != nil {
		t.Fatal(err)
	}
	u := packetUnit(f, inspect.ToServer, string(d.Payload))
	p := u.Packet
	p.Frame, p.Family, p.NetOff, p.L4Off, p.NetEnd, p.L4 = frame, d.Family, d.NetOff, d.L4Off, d.NetEnd, d.L4
	p.Proto, p.IType, p.ICode = d.Proto, d.IType, d.ICode
	return u
}

// TestIPOptsMSSAndMTURules: ipopts, tcp.mss and icmpv6.mtu rules alert
// on the packets that carry what they ask for.
func TestIPOptsMSSAndMTURules(t *testing.T) {
	h := newHarness(t, `alert ip any any -> any any (msg:"rr"; ipopts:rr; sid:1;)
alert ip any any -> any any (msg:"any"; ipopts:any; sid:2;)
alert tcp any any -> any any (msg:"mss"; tcp.mss:<1000; sid:3;)
alert icmpv6 any any -> any any (msg:"mtu"; icmpv6.mtu:1280; sid:4;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	plain := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x02})
	withRR := slices.Concat(plain[:14], []byte{0x46}, plain[15:34], []byte{7, 3, 4, 0}, plain[34:])
	withRR[14+3] += 4 // total length
	mss := slices.Concat(plain[:14+40], []byte{2, 4, 0x02, 0x00}, plain[14+40:])
	mss[14+20+12] = 6 << 4
	mss[14+3] += 4
	v6 := inspect.Flow{ID: 2, Proto: 58, Client: netip.MustParseAddr("2001:db8::1"), Server: netip.MustParseAddr("2001:db8::2")}
	tooBig := pktgen.Build(pktgen.Spec{Src: v6.Client, Dst: v6.Server, Proto: 58, IType: 2})
	copy(tooBig[14+40+4:], []byte{0, 0, 0x05, 0}) // MTU 1280
	h.frame(t, frameUnit(t, f, plain))
	h.frame(t, frameUnit(t, f, withRR))
	h.frame(t, frameUnit(t, f, mss))
	h.frame(t, frameUnit(t, &v6, tooBig))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 3, 4}) {
		t.Errorf("alerts %v, want rr on the second packet, mss 512 on the third, mtu on the fourth; ipopts:any never (Suricata 8)", got)
	}
}

// TestSeqAckWindowICMPIDRules: tcp.seq, tcp.ack, tcp.window and icmp_id /
// icmp_seq compare the packet's header fields, ICMP ones on echo messages
// only.
func TestSeqAckWindowICMPIDRules(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"seq"; seq:1000; sid:1;)
alert tcp any any -> any any (msg:"ack"; tcp.ack:2000; sid:2;)
alert tcp any any -> any any (msg:"window"; window:!65535; sid:3;)
alert icmp any any -> any any (msg:"id"; icmp_id:1; icmp_seq:1; sid:4;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	tcp := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x10, Seq: 1000, Ack: 2000})
	small := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x10, Seq: 1001, Ack: 2000})
	small[14+20+14], small[14+20+15] = 0x04, 0x00
	ic := inspect.Flow{ID: 2, Proto: 1, Client: f.Client, Server: f.Server}
	echo := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 1, IType: 8})
	unreach := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 1, IType: 3})
	h.frame(t, frameUnit(t, f, tcp))
	h.frame(t, frameUnit(t, f, small))
	h.frame(t, frameUnit(t, &ic, unreach))
	h.frame(t, frameUnit(t, &ic, echo))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2, 2, 3, 4}) {
		t.Errorf("alerts %v, want seq and ack on the first packet, ack and window on the second, the echo's id", got)
	}
}

// TestFragbitsFragoffsetSameIPRules: fragbits with its modifiers,
// fragoffset and sameip on IPv4 headers.
func TestFragbitsFragoffsetSameIPRules(t *testing.T) {
	h := newHarness(t, `alert ip any any -> any any (msg:"DF"; fragbits:D; sid:1;)
alert ip any any -> any any (msg:"M+"; fragbits:+M; sid:2;)
alert ip any any -> any any (msg:"not D"; fragbits:!D; sid:3;)
alert ip any any -> any any (msg:"off"; fragoffset:>100; sid:4;)
alert ip any any -> any any (msg:"same"; sameip; sid:5;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	df := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x02})
	df[14+6] = 0x40
	mdOff := slices.Clone(df)
	mdOff[14+6], mdOff[14+7] = 0x60, 0xc8 // MF, DF, offset 200
	same := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Client, Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x02})
	h.frame(t, frameUnit(t, f, df))
	h.frame(t, frameUnit(t, f, mdOff))
	u := frameUnit(t, f, same)
	u.Packet.Dst = u.Packet.Src
	h.frame(t, u)
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2, 4, 3, 5}) {
		t.Errorf("alerts %v, want DF on the first packet, M+ and the offset on the second, then not-D and sameip", got)
	}
}

// TestWScaleAndL3ProtoRules: tcp.wscale reads the window scale option
// (over 14 as 0), l3_proto the packet's IP version.
func TestWScaleAndL3ProtoRules(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"ws"; tcp.wscale:0; sid:1;)
alert ip any any -> any any (msg:"v6"; l3_proto:ipv6; sid:2;)
alert ip any any -> any any (msg:"v4"; l3_proto:ip4; sid:3;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	plain := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x02})
	ws := slices.Concat(plain[:14+40], []byte{3, 3, 15, 1}, plain[14+40:])
	ws[14+20+12] = 6 << 4
	ws[14+3] += 4
	v6 := inspect.Flow{ID: 2, Proto: 6, Client: netip.MustParseAddr("2001:db8::1"), Server: netip.MustParseAddr("2001:db8::2"), ClientPort: 1, ServerPort: 2}
	six := pktgen.Build(pktgen.Spec{Src: v6.Client, Dst: v6.Server, Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x10})
	h.frame(t, frameUnit(t, f, plain))
	h.frame(t, frameUnit(t, f, ws))
	h.frame(t, frameUnit(t, &v6, six))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{3, 1, 3, 2}) {
		t.Errorf("alerts %v, want v4 on the first packet, ws 15 as 0 and v4 on the second, v6 on the third", got)
	}
}

// TestDsizeRulesInspectPackets: a dsize rule is a packet rule (Suricata's
// SIG_FLAG_REQUIRE_PACKET), so on a reassembled TCP flow it is evaluated
// on the packet, not on the stream chunk its data lands in later.
func TestDsizeRulesInspectPackets(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"ten"; dsize:10; content:"0123"; sid:1;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, packetUnit(f, inspect.ToServer, ""))
	h.frame(t, packetUnit(f, inspect.ToServer, "0123456789"))
	ack := streamUnit(f, inspect.ToServer, "0123456789")
	ack.Packet = packetUnit(f, inspect.ToServer, "").Packet
	h.frame(t, ack)
	got := h.alerts(t)
	if !slices.Equal(sids(got), []uint64{1}) || got[0].PcapCnt != 2 {
		t.Errorf("alerts %+v, want 1 on the packet of 10 bytes (frame 2)", got)
	}
}
