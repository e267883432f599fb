package decode

import (
	"errors"
	"slices"
	"testing"
)

func v4(proto uint8) frame {
	return frame{src: "10.0.0.1", dst: "10.0.0.2", proto: proto, sport: 40000, dport: 80, payload: "GET /"}
}

func v6(proto uint8, ext ...uint8) frame {
	return frame{src: "2001:db8::1", dst: "2001:db8::2", proto: proto, sport: 40000, dport: 80, payload: "GET /", ext: ext}
}

func decoded(t *testing.T, f frame) *Packet {
	t.Helper()
	var p Packet
	if err := Decode(f.bytes(), &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func TestVLANTags(t *testing.T) {
	f := v4(6)
	f.tpids, f.ids = []uint16{0x88a8, 0x9100, 0x8100}, []uint16{0x1005, 6, 7}
	p := decoded(t, f)
	if !slices.Equal(p.VLANList(), []uint16{5, 6, 7}) || p.L4 != L4TCP || p.Dport != 80 || p.Events != 0 {
		t.Errorf("three tags: vlans %v l4 %d dport %d events %v", p.VLANList(), p.L4, p.Dport, p.Events.List())
	}
	f.tpids, f.ids = []uint16{0x8100, 0x8100, 0x8100, 0x8100}, []uint16{1, 2, 3, 4}
	var q Packet
	err := Decode(f.bytes(), &q)
	if !errors.Is(err, ErrCorrupt) || !q.Events.Has(VLANTooManyLayers) || q.Family != 0 {
		t.Errorf("four tags: %v, events %v, family %d", err, q.Events.List(), q.Family)
	}
	if VLANTooManyLayers.String() != "vlan.too_many_layers" {
		t.Errorf("name %q", VLANTooManyLayers)
	}
}

func TestIPv6ExtensionChains(t *testing.T) {
	cases := []struct {
		name   string
		ext    []uint8
		events []Event
	}{
		{"five in RFC order", []uint8{nhHopByHop, nhDstOpts, nhRouting, nhFragment, nhDstOpts}, []Event{IPv6ExthdrUselessFH, IPv6HopOptsOnlyPadding, IPv6DstOptsOnlyPadding}},
		{"six with AH", []uint8{nhHopByHop, nhDstOpts, nhRouting, nhFragment, nhAH, nhDstOpts}, []Event{IPv6ExthdrUselessFH, IPv6HopOptsOnlyPadding, IPv6DstOptsOnlyPadding}},
		{"twelve destination options", slices.Repeat([]uint8{nhDstOpts}, 12), []Event{IPv6ExthdrDuplDH, IPv6DstOptsOnlyPadding}},
		{"two routing headers", []uint8{nhRouting, nhRouting}, []Event{IPv6ExthdrDuplRH}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := decoded(t, v6(6, c.ext...))
			if p.L4 != L4TCP || p.Proto != 6 || p.Sport != 40000 || p.Dport != 80 || string(p.Payload) != "GET /" || p.ExtHdrs != len(c.ext) {
				t.Errorf("l4 %d proto %d ports %d/%d payload %q headers %d", p.L4, p.Proto, p.Sport, p.Dport, p.Payload, p.ExtHdrs)
			}
			if !slices.Equal(p.Events.List(), c.events) {
				t.Errorf("events %v, want %v", p.Events.List(), c.events)
			}
		})
	}
}

func TestFragments(t *testing.T) {
	f := v4(17)
	f.more, f.fragID = true, 0x1234
	p := decoded(t, f)
	if p.L4 != L4Fragment || p.Sport != 0 || p.Frag != (Fragment{ID: 0x1234, More: true}) || len(p.Payload) != 8+5 {
		t.Errorf("ipv4 first fragment: l4 %d sport %d frag %+v payload %d bytes", p.L4, p.Sport, p.Frag, len(p.Payload))
	}
	g := v6(17, nhHopByHop, nhFragment)
	g.fragOff, g.fragID, g.payload = 16, 99, "0123456789abcdef"
	p = decoded(t, g)
	want := Fragment{ID: 99, Offset: 16, HdrOff: 48, PrevNextOff: 40}
	if p.L4 != L4Fragment || p.Proto != 17 || p.Frag != want || string(p.Payload) != g.payload {
		t.Errorf("ipv6 later fragment: l4 %d proto %d frag %+v (want %+v) payload %q", p.L4, p.Proto, p.Frag, want, p.Payload)
	}
	g.more, g.payload = true, "odd"
	if p = decoded(t, g); !p.Events.Has(IPv6FragInvalidLength) {
		t.Errorf("fragment of 3 bytes with more to come: events %v", p.Events.List())
	}
}

func TestDecodeErrorsRaiseEvents(t *testing.T) {
	good := v4(6).bytes()
	cases := []struct {
		name  string
		frame []byte
		err   error
		event Event
	}{
		{"ipv4 cut", good[:14+10], ErrTruncated, IPv4PktTooSmall},
		{"ipv4 length past the frame", good[:len(good)-1], ErrTruncated, IPv4TruncPkt},
	}
	for _, c := range cases {
		var p Packet
		err := Decode(c.frame, &p)
		if !errors.Is(err, c.err) || !p.Events.Has(c.event) {
			t.Errorf("%s: %v, events %v; want %v and %v", c.name, err, p.Events.List(), c.err, c.event)
		}
	}
}

// TestInvalidTransportIsIPOnly: a whole IP packet whose transport or
// extension headers do not decode is an IP packet (L4Invalid) with the
// event, as Suricata inspects it.
func TestInvalidTransportIsIPOnly(t *testing.T) {
	tcp := v4(6)
	tcp.payload = ""
	cutTCP := tcp.bytes()[:14+30]
	cutTCP[17] = 30 // IPv4 total length: 10 bytes of TCP header
	cutExt := v6(59, nhDstOpts, nhDstOpts).bytes()
	cutExt[14+5] = 12 // IPv6 payload length: one header and a half
	cutExt = cutExt[:14+40+12]
	for _, c := range []struct {
		name  string
		frame []byte
		proto uint8
		event Event
	}{{"tcp header cut", cutTCP, 6, TCPPktTooSmall}, {"extension header cut", cutExt, nhDstOpts, IPv6TruncExthdr}} {
		var p Packet
		err := Decode(c.frame, &p)
		if err != nil || p.L4 != L4Invalid || p.Proto != c.proto || p.Payload != nil || !p.Events.Has(c.event) {
			t.Errorf("%s: %v, l4 %d proto %d payload %q events %v", c.name, err, p.L4, p.Proto, p.Payload, p.Events.List())
		}
	}
}

// TestIPv6HeaderContents: Suricata's events on what extension headers
// hold.
func TestIPv6HeaderContents(t *testing.T) {
	base := v6(6, nhDstOpts).bytes()
	const opt = 14 + 40 + 2 // the destination options header's options
	cases := []struct {
		name  string
		opts  [6]byte
		event Event
		want  bool
	}{
		{"unknown option", [6]byte{0x3e, 4, 0, 0, 0, 0}, IPv6DstOptsUnknownOpt, true},
		{"padding only", [6]byte{optPad1, optPadN, 3, 0, 0, 0}, IPv6DstOptsOnlyPadding, true},
		{"router alert is known", [6]byte{optRouter, 2, 0, 0, optPad1, optPad1}, IPv6DstOptsOnlyPadding, false},
		{"router alert is known", [6]byte{optRouter, 2, 0, 0, optPad1, optPad1}, IPv6DstOptsUnknownOpt, false},
		{"option past the header", [6]byte{optPadN, 9, 0, 0, 0, 0}, IPv6ExthdrInvalidOptlen, true},
		{"empty PadN", [6]byte{optPadN, 0, optPadN, 2, 0, 0}, IPv6ZeroLenPadN, true},
	}
	for _, c := range cases {
		f := append([]byte(nil), base...)
		copy(f[opt:], c.opts[:])
		var p Packet
		if err := Decode(f, &p); err != nil || p.Events.Has(c.event) != c.want {
			t.Errorf("%s: %v, events %v; %v raised: want %v", c.name, err, p.Events.List(), c.event, c.want)
		}
	}
	rt := v6(6, nhRouting).bytes()
	rt[14+40+2] = 0 // routing type 0
	var p Packet
	if err := Decode(rt, &p); err != nil || !p.Events.Has(IPv6RHType0) {
		t.Errorf("routing type 0: %v, events %v", err, p.Events.List())
	}
}

func TestEventByName(t *testing.T) {
	for e := range NumEvents {
		if got, ok := EventByName(e.String()); !ok || got != e {
			t.Errorf("%v: %v %v", e, got, ok)
		}
	}
	if e, ok := EventByName("decoder.ipv6.frag_overlap"); !ok || e != IPv6FragOverlap {
		t.Errorf("decoder. prefix: %v %v", e, ok)
	}
}
