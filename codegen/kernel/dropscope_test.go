package kernel

import "testing"

// TestDropScope: a kernel rule's drop scope follows its kind as
// Suricata's signature types do.
func TestDropScope(t *testing.T) {
	rules, tiers := compile(t, `drop ip 1.2.3.4 any -> any any (sid:1;)
drop tcp any any -> any 22 (flags:S; sid:2;)
drop tcp any any -> any 80 (flow:established; sid:3;)
drop tcp-pkt any any -> any 80 (content:"evil"; sid:4;)
drop udp any any -> any 53 (content:"evil"; sid:7;)
drop dns any any -> any any (dns.query; content:"evil.example"; sid:8;)
drop tcp any any -> any 80 (flow:established,to_server,no_stream; content:"evil"; sid:9;)
`)
	want := map[uint32]DropScope{0: DropFlow, 1: DropPacket, 2: DropPacket, 3: DropPacket, 4: DropPacket, 5: DropFlow, 6: DropPacket}
	tab, err := Build(rules, tiers)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint32]bool{}
	for _, s := range tab.Slots {
		if s.Userspace {
			continue
		}
		seen[s.Rule] = true
		if w, ok := want[s.Rule]; !ok || s.DropScope != w {
			t.Errorf("sid %d: scope %s, want %s", rules[s.Rule].Meta.SID, s.DropScope, w)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d rules in the kernel tier, want %d: %v", len(seen), len(want), seen)
	}
}
