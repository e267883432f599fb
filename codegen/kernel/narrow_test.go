package kernel

import (
	"slices"
	"testing"
)

// TestNarrowing: the walk set holds the userspace slots without a
// prefilter item and the kernel slots without a positive item; every
// positive item lists its slots once; the buffer sets follow each slot's
// buffer.
func TestNarrowing(t *testing.T) {
	rules, tiers := compile(t, `alert udp any any -> any 53 (content:"ab"; content:!"cd"; sid:1;)
alert udp any any -> any 53 (content:!"cd"; sid:2;)
alert udp any any <> any 53 (content:"ab"; content:"ab"; offset:4; sid:3;)
alert dns any any -> any any (dns.query; content:"ab"; sid:4;)
alert dns any any -> any any (dns.query; bsize:3; sid:5;)
alert tls any any -> any any (flow:established,to_server; tls.sni; content:"ab"; sid:6;)
alert http any any -> any any (http.uri; content:"/x"; sid:7;)
alert tcp any any -> any 22 (flags:S; sid:8;)
alert udp any any -> any 53 (content:"ab"; pcre:"/a/"; sid:9;)
alert dns any any -> any any (dns.query; content:"ab"; pcre:"/a/"; sid:10;)
`)
	tab, err := Build(rules, tiers)
	if err != nil {
		t.Fatal(err)
	}
	n := tab.Narrowing()
	slotOf := map[uint64][]int{}
	for i, s := range tab.Slots {
		if !s.Userspace {
			slotOf[rules[s.Rule].Meta.SID] = append(slotOf[rules[s.Rule].Meta.SID], i)
		}
	}
	for i, rs := range tab.ShapeRules {
		for _, r := range rs {
			slotOf[rules[r].Meta.SID] = append(slotOf[rules[r].Meta.SID], i)
		}
	}
	in := func(b Bitset) (got []uint64) {
		for sid, slots := range slotOf {
			for _, i := range slots {
				if tab.Has(b, i) && !slices.Contains(got, sid) {
					got = append(got, sid)
				}
			}
		}
		slices.Sort(got)
		return got
	}
	for _, c := range []struct {
		name string
		set  Bitset
		want []uint64
	}{
		{"walk", n.Walk, []uint64{2, 5, 7, 8}},
		{"payload", n.Payload, []uint64{1, 2, 3, 9}},
		{"name", n.Name, []uint64{4, 6, 10}},
		{"dns", n.DNS, []uint64{4, 5, 10}},
		{"sni", n.SNI, []uint64{6}},
		{"userspace payload", n.UserPayload, []uint64{9}},
		{"userspace dns", n.UserDNS, []uint64{10}},
	} {
		if got := in(c.set); !slices.Equal(got, c.want) {
			t.Errorf("%s: sids %v, want %v", c.name, got, c.want)
		}
	}
	if len(n.ItemStart) != len(tab.Items)+1 {
		t.Fatalf("%d item starts for %d items", len(n.ItemStart), len(tab.Items))
	}
	for id := range tab.Items {
		var want []uint32
		for i, s := range tab.Slots {
			for _, ref := range tab.SlotItems[s.ItemStart : s.ItemStart+s.ItemCount] {
				if ref == uint32(id) && !slices.Contains(want, uint32(i)) {
					want = append(want, uint32(i))
				}
			}
		}
		if got := n.Slots(uint32(id)); !slices.Equal(got, want) {
			t.Errorf("item %d (%q): slots %v, want %v", id, tab.Items[id].Pattern, got, want)
		}
	}
	if got := slotOf[3]; len(got) != 2 || !slices.Contains(n.Slots(tab.SlotItems[tab.Slots[got[0]].ItemStart]), uint32(got[1])) {
		t.Errorf("bidirectional sid 3 slots %v: both directions should be listed under its item", got)
	}
}
