package refeval

import (
	"encoding/binary"
	"net/netip"
	"slices"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
)

// withExt rebuilds an IPv6 frame of pktgen with extension headers of 8
// bytes (nh values) between its IPv6 header and its payload.
func withExt(frame []byte, ext ...uint8) []byte {
	const ip = 14
	out := append([]byte(nil), frame[:ip+40]...)
	next := append(append([]uint8(nil), ext...), out[ip+6])
	out[ip+6] = next[0]
	for i, h := range ext {
		if h == 44 {
			out = append(out, next[i+1], 0, 0, 0x11, 0, 0, 0, 7) // offset 16, more
		} else {
			out = append(out, next[i+1], 0, 1, 4, 0, 0, 0, 0)
		}
	}
	out = append(out, frame[ip+40:]...)
	binary.BigEndian.PutUint16(out[ip+4:], uint16(len(out)-ip-40))
	return out
}

// withIPLen sets the IP total (IPv4) or payload (IPv6) length of a
// pktgen frame.
func withIPLen(frame []byte, n uint16) []byte {
	out := append([]byte(nil), frame...)
	if out[14]>>4 == 6 {
		binary.BigEndian.PutUint16(out[14+4:], n)
	} else {
		binary.BigEndian.PutUint16(out[14+2:], n)
	}
	return out
}

// withIPv4Opts puts 4 bytes of options into the IPv4 header of a pktgen
// frame.
func withIPv4Opts(frame []byte, o0, o1, o2, o3 byte) []byte {
	out := append(append(append([]byte(nil), frame[:14+20]...), o0, o1, o2, o3), frame[14+20:]...)
	out[14] = 0x46
	binary.BigEndian.PutUint16(out[14+2:], binary.BigEndian.Uint16(out[14+2:])+4)
	return out
}

// withProto sets the protocol (IPv4) or the last next header (IPv6,
// after extension headers of withExt) of a pktgen frame.
func withProto(frame []byte, proto uint8) []byte {
	out := append([]byte(nil), frame...)
	if out[14]>>4 != 6 {
		out[14+9] = proto
		return out
	}
	at := 14 + 6
	for nh, off := out[at], 14+40; isExt(nh); nh, off = out[off], off+int(out[off+1]+1)*8 {
		at = off
	}
	out[at] = proto
	return out
}

// withUDPLen sets the UDP length of a pktgen frame without IP options.
func withUDPLen(frame []byte, n uint16) []byte {
	out := append([]byte(nil), frame...)
	ip := 14 + 20
	if out[14]>>4 == 6 {
		ip = 14 + 40
	}
	binary.BigEndian.PutUint16(out[ip+4:], n)
	return out
}

// withPPPoE puts the IP packet of a pktgen frame in a PPPoE session
// frame with PPP protocol proto (one byte when below 0x100).
func withPPPoE(frame []byte, proto uint16) []byte {
	out := append([]byte(nil), frame[:12]...)
	out = append(out, 0x88, 0x64, 0x11, 0, 0, 0x2d, 0, 0)
	if proto < 0x100 {
		out = append(out, byte(proto))
	} else {
		out = binary.BigEndian.AppendUint16(out, proto)
	}
	out = append(out, frame[14:]...)
	binary.BigEndian.PutUint16(out[18:], uint16(len(out)-20))
	return out
}

// FuzzKernelAndUserspaceAgree: the classifier's parser (mirrored by parse)
// and the userspace decoder read every frame the same way, so both tiers
// see one tuple and one flow id. A frame the decoder refuses (Suricata's
// decoders do: only decoder-event rules see it) is not classified but sent
// up; so are the frames past the classifier's bounds.
func FuzzKernelAndUserspaceAgree(f *testing.F) {
	a4, b4 := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	a6, b6 := netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::2")
	tcp6 := pktgen.Build(pktgen.Spec{Src: a6, Dst: b6, Proto: 6, Sport: 1, Dport: 80, Payload: []byte("GET /")})
	udp4 := pktgen.Build(pktgen.Spec{Src: a4, Dst: b4, Proto: 17, Sport: 1, Dport: 53, Payload: []byte("query")})
	udp6 := pktgen.Build(pktgen.Spec{Src: a6, Dst: b6, Proto: 17, Sport: 1, Dport: 53, Payload: []byte("query")})
	for _, fr := range [][]byte{
		pktgen.Build(pktgen.Spec{Src: a4, Dst: b4, Proto: 6, Sport: 40000, Dport: 80, TCPFlags: 2}),
		pktgen.Build(pktgen.Spec{Src: a4, Dst: b4, Proto: 17, Sport: 1, Dport: 53, Payload: []byte("q"), VLANs: []uint16{1, 2, 3}}),
		pktgen.Build(pktgen.Spec{Src: a4, Dst: b4, Proto: 17, Sport: 1, Dport: 53, VLANs: []uint16{1, 2, 3, 4}}),
		pktgen.Build(pktgen.Spec{Src: a4, Dst: b4, Proto: 1, IType: 8}),
		pktgen.Build(pktgen.Spec{Src: a6, Dst: b6, Proto: 58, IType: 128}),
		withExt(tcp6, 0, 60, 43, 60),
		withPPPoE(udp4, 0x21),
		withPPPoE(tcp6, 0x0057),
		withPPPoE(udp4, 0x2f),
		withPPPoE(udp4, 0xc021),
		withUDPLen(udp4, 8+3),
		withUDPLen(udp4, 8+6),
		withUDPLen(udp4, 0),
		withUDPLen(udp6, 7),
		withUDPLen(udp6, 8),
		withExt(tcp6, 0, 60, 43, 60, 60, 60, 60, 60, 60),
		withExt(tcp6, 0, 60, 44),
		withExt(tcp6, 60, 60, 60, 60, 60, 60, 60, 60, 44),
		withIPLen(udp4, 200),
		withIPLen(tcp6, 200),
		withIPv4Opts(udp4, 0x94, 3, 0, 1),
		withIPv4Opts(udp4, 0x07, 9, 4, 0),
		withIPv4Opts(udp4, 0x44, 1, 0, 0),
		withProto(udp4, 58),
		withProto(udp6, 1),
		withProto(withExt(udp6, 60), 1),
		withProto(withExt(udp6, 0), 1),
		withProto(udp6, 59),
		pktgen.Build(pktgen.Spec{Src: a4, Dst: b4, Proto: 1, IType: 13, Payload: make([]byte, 16)}),
		pktgen.Build(pktgen.Spec{Src: a4, Dst: b4, Proto: 1, IType: 9, Payload: []byte{1, 2, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}}),
		pktgen.Build(pktgen.Spec{Src: a6, Dst: b6, Proto: 58, IType: 135, Payload: make([]byte, 16)}),
	} {
		f.Add(fr)
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		var d decode.Packet
		err := decode.Decode(frame, &d)
		h, ip, ok := parse(frame)
		switch {
		case d.Events.Has(decode.VLANTooManyLayers):
			if ip || !h.deep {
				t.Fatalf("four vlan tags: the classifier does not send the frame up (ip %v)", ip)
			}
			return
		case err != nil:
			if ok && !h.deep {
				t.Fatalf("userspace refuses the frame (%v, events %v), the classifier classifies it", err, d.Events.List())
			}
			if !h.invalid && !ip && !h.deep && d.Events != 0 {
				t.Fatalf("userspace raises %v, the classifier does not send the frame up", d.Events.List())
			}
			return
		case d.Family == 0:
			if ip || h.deep {
				t.Fatalf("not IP in userspace, IP to the classifier")
			}
			return
		}
		if !ip {
			t.Fatalf("IP in userspace (%v %v -> %v proto %d), not to the classifier", d.Family, d.Src, d.Dst, d.Proto)
		}
		if h.deep != (d.ExtHdrs > maxExt) {
			t.Fatalf("%d extension headers: classifier sends up %v", d.ExtHdrs, h.deep)
		}
		if h.src != d.Src || h.dst != d.Dst || !slices.Equal(h.vlans[:], d.VLANs[:]) {
			t.Fatalf("addresses %v %v vlans %v, userspace %v %v %v", h.src, h.dst, h.vlans, d.Src, d.Dst, d.VLANs)
		}
		if h.deep {
			return
		}
		// The classifier sends up a packet it cannot read past IP and a
		// tunnel (the decoder checks its header); it matches one whose
		// transport header is malformed as IP only.
		if invalid := d.L4 == decode.L4Invalid; (!ok || h.l4Bad) != invalid && !(invalid && h.tunnel) {
			t.Fatalf("classifier reads the headers past IP %v (malformed %v), userspace gives l4 %d (events %v)", ok, h.l4Bad, d.L4, d.Events.List())
		}
		if h.l4Bad && h.proto != d.Proto {
			t.Fatalf("malformed transport: protocol %d, userspace %d", h.proto, d.Proto)
		}
		if !ok || h.l4Bad {
			return
		}
		if h.proto != d.Proto || h.fragment != (d.L4 == decode.L4Fragment) || h.sport != d.Sport || h.dport != d.Dport {
			t.Fatalf("proto %d fragment %v ports %d/%d, userspace proto %d l4 %d ports %d/%d",
				h.proto, h.fragment, h.sport, h.dport, d.Proto, d.L4, d.Sport, d.Dport)
		}
		if _, k, _ := PacketFlow(frame); k != d.FlowKey() {
			t.Fatalf("flow key %+v, userspace %+v", k, d.FlowKey())
		}
		if h.hasL4 && (h.payloadLen != len(d.Payload) || h.tcpFlags != d.TCPFlags || h.itype != d.IType) {
			t.Fatalf("payload %d flags %x type %d, userspace %d %x %d", h.payloadLen, h.tcpFlags, h.itype, len(d.Payload), d.TCPFlags, d.IType)
		}
	})
}
