package eve

import (
	"net/netip"
	"testing"
)

// TestCommunityID: Suricata's values for a TCP flow (seed 7) and for one
// between two ports of one address (seed 1), the same either way; the
// setting read from suricata.yaml.
func TestCommunityID(t *testing.T) {
	ev := &Event{FlowID: 1, Proto: 6, SrcIP: netip.MustParseAddr("172.26.0.39"), SrcPort: 35958,
		DestIP: netip.MustParseAddr("172.217.14.206"), DestPort: 443}
	c := &CommunityID{Seed: 7}
	if got := c.ID(ev); got != "1:IwiTNfuO7aCaamMijl+7/X9uLx0=" {
		t.Errorf("tcp: %s", got)
	}
	rev := *ev
	rev.SrcIP, rev.DestIP, rev.SrcPort, rev.DestPort = ev.DestIP, ev.SrcIP, ev.DestPort, ev.SrcPort
	if c.ID(&rev) != c.ID(ev) {
		t.Error("reversed event: another id")
	}
	same := &Event{FlowID: 1, Proto: 6, SrcIP: netip.MustParseAddr("192.168.0.254"), SrcPort: 56162,
		DestIP: netip.MustParseAddr("192.168.0.254"), DestPort: 3306}
	if got := (&CommunityID{Seed: 1}).ID(same); got != "1:IJQHtzXv/tXud3FtXIufkDsfEd4=" {
		t.Errorf("same address: %s", got)
	}
	echo := &Event{FlowID: 1, Proto: 1, SrcIP: ev.SrcIP, DestIP: ev.DestIP, ICMP: &ICMP{Type: 8}}
	reply := &Event{FlowID: 1, Proto: 1, SrcIP: ev.DestIP, DestIP: ev.SrcIP, ICMP: &ICMP{Type: 0}}
	if c.ID(echo) == "" || c.ID(echo) != c.ID(reply) {
		t.Error("icmp echo and reply: ids differ")
	}
	if (*CommunityID)(nil).ID(ev) != "" {
		t.Error("off: an id")
	}
	got, err := CommunityIDFromYAML([]byte("outputs:\n  - eve-log:\n      community-id: true\n      community-id-seed: 7\n"))
	if err != nil || got == nil || got.Seed != 7 {
		t.Errorf("yaml: %+v %v", got, err)
	}
	if got, _ := CommunityIDFromYAML([]byte("outputs:\n  - eve-log:\n      types: [alert]\n")); got != nil {
		t.Errorf("yaml without community-id: %+v", got)
	}
}
