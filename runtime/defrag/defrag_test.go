package defrag

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/decode"
)

var t0 = time.Unix(1700000000, 0)

// udpDatagram is a UDP header and payload.
func udpDatagram(payload string) []byte {
	b := []byte{0x9c, 0x40, 0, 53}
	b = binary.BigEndian.AppendUint16(b, uint16(8+len(payload)))
	return append(append(b, 0, 0), payload...)
}

var eth = []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}

// frag4 is an IPv4 fragment of packet id carrying data at offset.
func frag4(id uint16, offset int, more bool, data []byte) []byte {
	b := append(append([]byte(nil), eth...), 0x08, 0x00, 0x45, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(20+len(data)))
	b = binary.BigEndian.AppendUint16(b, id)
	fo := uint16(offset / 8)
	if more {
		fo |= 0x2000
	}
	b = binary.BigEndian.AppendUint16(b, fo)
	b = append(b, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2)
	return append(b, data...)
}

// frag6 is an IPv6 fragment behind a hop-by-hop header.
func frag6(id uint32, offset int, more bool, data []byte) []byte {
	b := append(append([]byte(nil), eth...), 0x86, 0xdd, 0x60, 0, 0, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(16+len(data)))
	b = append(b, 0, 64)
	b = append(b, netip.MustParseAddr("2001:db8::1").AsSlice()...)
	b = append(b, netip.MustParseAddr("2001:db8::2").AsSlice()...)
	b = append(b, 44, 0, 1, 4, 0, 0, 0, 0) // hop-by-hop, then the fragment header
	fo := uint16(offset)
	if more {
		fo |= 1
	}
	b = append(b, 17, 0)
	b = binary.BigEndian.AppendUint16(b, fo)
	b = binary.BigEndian.AppendUint32(b, id)
	return append(b, data...)
}

func add(t *testing.T, f *Defragmenter, ts time.Time, frame []byte) ([]byte, decode.Events) {
	t.Helper()
	var d decode.Packet
	if err := decode.Decode(frame, &d); err != nil || d.L4 != decode.L4Fragment {
		t.Fatalf("not a fragment: %v, l4 %d", err, d.L4)
	}
	return f.Add(ts, &d), d.Events
}

func decoded(t *testing.T, frame []byte) *decode.Packet {
	t.Helper()
	var d decode.Packet
	if err := decode.Decode(frame, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

func TestIPv4DatagramOutOfOrder(t *testing.T) {
	f := New(Config{})
	dgram := udpDatagram(strings.Repeat("x", 20) + "needle" + strings.Repeat("y", 14))
	parts := [][]byte{frag4(7, 32, false, dgram[32:]), frag4(7, 0, true, dgram[:16]), frag4(7, 16, true, dgram[16:32])}
	var out []byte
	for i, p := range parts {
		got, _ := add(t, f, t0, p)
		if (got != nil) != (i == len(parts)-1) {
			t.Fatalf("fragment %d: reassembled %v", i, got != nil)
		}
		out = got
	}
	d := decoded(t, out)
	if d.L4 != decode.L4UDP || d.Dport != 53 || !bytes.Contains(d.Payload, []byte("needle")) || len(d.Payload) != 40 {
		t.Errorf("reassembled: l4 %d dport %d payload %q", d.L4, d.Dport, d.Payload)
	}
	if checksum(d.IP()[:20]) != 0 {
		t.Error("IPv4 header checksum")
	}
	if s := f.Stats(); s.Fragments[0] != 3 || s.Reassembled[0] != 1 || s.Bytes != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestIPv6DatagramBehindHopByHop(t *testing.T) {
	f := New(Config{})
	dgram := udpDatagram(strings.Repeat("z", 24) + "needle")
	add(t, f, t0, frag6(9, 0, true, dgram[:16]))
	out, _ := add(t, f, t0, frag6(9, 16, false, dgram[16:]))
	d := decoded(t, out)
	if d.L4 != decode.L4UDP || d.ExtHdrs != 1 || string(d.Payload) != strings.Repeat("z", 24)+"needle" {
		t.Errorf("reassembled: l4 %d headers %d payload %q", d.L4, d.ExtHdrs, d.Payload)
	}
	if s := f.Stats(); s.Fragments[1] != 2 || s.Reassembled[1] != 1 {
		t.Errorf("stats %+v", s)
	}
}

// TestOverlapPolicies: A is the UDP header and 16 'A' (data bytes 0-24),
// B is 24 'B' at data byte 8 (the payload's first byte).
func TestOverlapPolicies(t *testing.T) {
	head := udpDatagram("")
	binary.BigEndian.PutUint16(head[4:], 8+24) // the reassembled datagram's length
	a := append(append([]byte(nil), head...), bytes.Repeat([]byte("A"), 16)...)
	b := bytes.Repeat([]byte("B"), 24)
	cases := []struct {
		policy Policy
		bFirst bool
		want   string
	}{
		{BSD, false, "AAAAAAAAAAAAAAAABBBBBBBB"},
		{BSD, true, "AAAAAAAAAAAAAAAABBBBBBBB"},
		{First, true, "BBBBBBBBBBBBBBBBBBBBBBBB"},
		{First, false, "AAAAAAAAAAAAAAAABBBBBBBB"},
		{Last, true, "AAAAAAAAAAAAAAAABBBBBBBB"},
		{Last, false, "BBBBBBBBBBBBBBBBBBBBBBBB"},
	}
	for _, c := range cases {
		f := New(Config{Policy: c.policy})
		fa, fb := frag4(1, 0, true, a), frag4(1, 8, false, b)
		first, second := fa, fb
		if c.bFirst {
			first, second = fb, fa
		}
		add(t, f, t0, first)
		out, ev := add(t, f, t0, second)
		if out == nil {
			t.Fatalf("%v: not reassembled", c.policy)
		}
		if got := string(decoded(t, out).Payload); got != c.want {
			t.Errorf("%v, B first %v: %q, want %q", c.policy, c.bFirst, got, c.want)
		}
		if !ev.Has(decode.IPv4FragOverlap) || f.Stats().Overlaps != 1 {
			t.Errorf("%v: overlap not raised: %v", c.policy, ev.List())
		}
	}
}

func TestTimeoutMemcapAndLimits(t *testing.T) {
	f := New(Config{Timeout: time.Minute, Memcap: 100})
	add(t, f, t0, frag4(1, 0, true, make([]byte, 24))) // 24 bytes and 34 of headers held
	add(t, f, t0, frag4(2, 0, true, make([]byte, 32)))
	if s := f.Stats(); s.MemcapDrops != 1 || s.Bytes != 58 || s.Trackers != 1 {
		t.Errorf("memcap: %+v", s)
	}
	if out, _ := add(t, f, t0.Add(61*time.Second), frag4(1, 24, false, make([]byte, 8))); out != nil {
		t.Error("reassembled across the timeout")
	}
	if s := f.Stats(); s.TimedOut != 1 || s.Trackers != 1 || s.Bytes != 8 {
		t.Errorf("timeout: %+v", s)
	}
	_, ev := add(t, f, t0.Add(63*time.Second), frag4(3, 65528, false, make([]byte, 16)))
	if !ev.Has(decode.IPv4FragPktTooLarge) || f.Stats().TooLarge != 1 {
		t.Errorf("too large: %v %+v", ev.List(), f.Stats())
	}
	g := New(Config{MaxTrackers: 1})
	add(t, g, t0, frag4(1, 0, true, make([]byte, 8)))
	add(t, g, t0, frag4(2, 0, true, make([]byte, 8)))
	if s := g.Stats(); s.MaxTrackers != 1 || s.Trackers != 1 {
		t.Errorf("max trackers: %+v", s)
	}
}

func TestFragmentAfterReassemblyIgnored(t *testing.T) {
	f := New(Config{})
	dgram := udpDatagram("0123456789abcdef")
	add(t, f, t0, frag4(5, 0, true, dgram[:8]))
	if out, _ := add(t, f, t0, frag4(5, 8, false, dgram[8:])); out == nil {
		t.Fatal("not reassembled")
	}
	out, ev := add(t, f, t0, frag4(5, 8, false, dgram[8:]))
	if out != nil || !ev.Has(decode.IPv4FragIgnored) || f.Stats().Ignored != 1 {
		t.Errorf("late duplicate: reassembled %v, events %v", out != nil, ev.List())
	}
}

func TestParsePolicy(t *testing.T) {
	for _, p := range []Policy{BSD, Linux, First, Last} {
		if got, err := ParsePolicy(p.String()); err != nil || got != p {
			t.Errorf("%v: %v %v", p, got, err)
		}
	}
	if _, err := ParsePolicy("windows"); err == nil {
		t.Error("unknown policy accepted")
	}
}
