package flowid

import (
	"encoding/binary"
	"hash/fnv"
	"net/netip"
	"testing"
)

func key(src, dst string, sp, dp uint16, proto uint8) Key {
	s, d := netip.MustParseAddr(src), netip.MustParseAddr(dst)
	k := Key{Src: Addr(s), Dst: Addr(d), Sport: sp, Dport: dp, Proto: proto, Family: 4}
	if s.Is6() {
		k.Family = 6
	}
	return k
}

func reverse(k Key) Key {
	k.Src, k.Dst, k.Sport, k.Dport = k.Dst, k.Src, k.Dport, k.Sport
	return k
}

// TestOfFollowsItsDocumentedLayout recomputes the id with the standard
// library's FNV-1a over the layout the doc comment gives.
func TestOfFollowsItsDocumentedLayout(t *testing.T) {
	k := key("10.0.0.2", "10.0.0.1", 80, 40000, 6)
	k.VLAN = [3]uint16{100, 200, 0}
	var b []byte
	b = append(b, 10, 0, 0, 1)
	b = append(b, make([]byte, 12)...)
	b = append(b, 10, 0, 0, 2)
	b = append(b, make([]byte, 12)...)
	b = binary.BigEndian.AppendUint16(b, 40000)
	b = binary.BigEndian.AppendUint16(b, 80)
	b = append(b, 6, 4, 0, 100, 0, 200, 0, 0)
	h := fnv.New64a()
	h.Write(b)
	if got, want := Of(k), h.Sum64()&(1<<53-1); got != want {
		t.Errorf("Of = %d, want %d", got, want)
	}
}

func TestOfIsSymmetricAndTellsFlowsApart(t *testing.T) {
	keys := []Key{
		key("10.0.0.1", "10.0.0.2", 40000, 80, 6),
		key("10.0.0.1", "10.0.0.2", 40001, 80, 6),
		key("10.0.0.1", "10.0.0.2", 40000, 80, 17),
		key("10.0.0.1", "10.0.0.1", 80, 40000, 6),
		key("2001:db8::1", "2001:db8::2", 40000, 80, 6),
	}
	tagged := keys[0]
	tagged.VLAN[0] = 5
	keys = append(keys, tagged)
	seen := map[uint64]int{}
	for i, k := range keys {
		id := Of(k)
		if id == 0 || id >= 1<<53 {
			t.Errorf("key %d: id %d out of range", i, id)
		}
		if r := Of(reverse(k)); r != id {
			t.Errorf("key %d: %d one way, %d the other", i, id, r)
		}
		if j, ok := seen[id]; ok {
			t.Errorf("keys %d and %d share id %d", j, i, id)
		}
		seen[id] = i
	}
}

func TestICMPPortsPairRequestsAndReplies(t *testing.T) {
	for _, c := range []struct{ proto, req, rep uint8 }{{1, 8, 0}, {1, 13, 14}, {1, 15, 16}, {1, 17, 18}, {58, 128, 129}} {
		rs, rd := ICMPPorts(c.proto, c.req)
		ps, pd := ICMPPorts(c.proto, c.rep)
		if rs != pd || rd != ps {
			t.Errorf("proto %d: request %d gives %d/%d, reply %d gives %d/%d", c.proto, c.req, rs, rd, c.rep, ps, pd)
		}
	}
	if s, d := ICMPPorts(1, 3); s != 3 || d != 3 {
		t.Errorf("unreachable: %d/%d", s, d)
	}
}
