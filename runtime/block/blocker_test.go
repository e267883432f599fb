package block

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/kernel"
)

type fakeLists struct {
	entries map[netip.Prefix]kernel.ListEntry
}

func (f *fakeLists) AddList(l kernel.List, p netip.Prefix, e kernel.ListEntry) error {
	if l == kernel.BlockList {
		f.entries[p] = e
	}
	return nil
}

func (f *fakeLists) RemoveList(l kernel.List, p netip.Prefix) error {
	delete(f.entries, p)
	return nil
}

func alert(src, severity string, sid uint64) *eve.Event {
	return &eve.Event{SrcIP: netip.MustParseAddr(src), DestIP: netip.MustParseAddr("10.0.0.1"),
		Alert: &eve.Alert{SignatureID: sid}, Rulec: &eve.Rulec{SeverityName: severity}}
}

func TestBlocker(t *testing.T) {
	thresholds := map[string]Threshold{
		"critical": {Count: 1, Window: time.Minute, TTL: 10 * time.Second},
		"high":     {Count: 3, Window: 10 * time.Second, TTL: 5 * time.Second},
	}
	cases := []struct {
		name    string
		alerts  []*eve.Event
		gap     time.Duration // between alerts
		blocked []string
	}{
		{"one critical blocks", []*eve.Event{alert("192.0.2.1", "critical", 1)}, 0, []string{"192.0.2.1/32"}},
		{"two high do not", []*eve.Event{alert("192.0.2.1", "high", 2), alert("192.0.2.1", "high", 2)}, 0, nil},
		{"three high do", []*eve.Event{alert("192.0.2.1", "high", 2), alert("192.0.2.1", "high", 3), alert("192.0.2.1", "high", 2)}, 0, []string{"192.0.2.1/32"}},
		{"window passes", []*eve.Event{alert("192.0.2.1", "high", 2), alert("192.0.2.1", "high", 2), alert("192.0.2.1", "high", 2)}, 6 * time.Second, nil},
		{"per source", []*eve.Event{alert("192.0.2.1", "high", 2), alert("192.0.2.2", "high", 2), alert("192.0.2.1", "high", 2)}, 0, nil},
		{"severity without threshold", []*eve.Event{alert("192.0.2.1", "low", 4)}, 0, nil},
		{"allow list wins", []*eve.Event{alert("10.9.0.1", "critical", 1)}, 0, nil},
		{"ipv6", []*eve.Event{alert("2001:db8::1", "critical", 1)}, 0, []string{"2001:db8::1/128"}},
	}
	for _, c := range cases {
		lists := &fakeLists{entries: map[netip.Prefix]kernel.ListEntry{}}
		b := New(thresholds, []netip.Prefix{netip.MustParsePrefix("10.9.0.0/16")}, lists, nil, "eth0")
		now := time.Unix(1000, 0)
		b.now = func() time.Time { return now }
		for _, a := range c.alerts {
			b.Alert(a)
			now = now.Add(c.gap)
		}
		if len(lists.entries) != len(c.blocked) {
			t.Errorf("%s: blocked %v, want %v", c.name, lists.entries, c.blocked)
		}
		for _, p := range c.blocked {
			if _, ok := lists.entries[netip.MustParsePrefix(p)]; !ok {
				t.Errorf("%s: %s not blocked: %v", c.name, p, lists.entries)
			}
		}
	}
}

func TestBlockExpiresAndLogs(t *testing.T) {
	var out bytes.Buffer
	w := eve.NewWriter(&out)
	lists := &fakeLists{entries: map[netip.Prefix]kernel.ListEntry{}}
	b := New(map[string]Threshold{"critical": {Count: 1, Window: time.Minute, TTL: 10 * time.Second}}, nil, lists, w, "eth0")
	now := time.Unix(1000, 0)
	b.now = func() time.Time { return now }
	b.Alert(alert("192.0.2.1", "critical", 42))
	if e := lists.entries[netip.MustParsePrefix("192.0.2.1/32")]; e.Rule != 42 || e.TTL != 10*time.Second {
		t.Fatalf("entry %+v", e)
	}
	b.Alert(alert("192.0.2.1", "critical", 42))
	b.Sweep(now.Add(9 * time.Second))
	if s := b.Stats(); s.Blocks != 1 || s.Active != 1 || s.Unblocks != 0 {
		t.Errorf("before expiry: %+v", s)
	}
	b.Sweep(now.Add(10 * time.Second))
	if s := b.Stats(); s.Active != 0 || s.Unblocks != 1 || len(lists.entries) != 0 {
		t.Errorf("after expiry: %+v, entries %v", s, lists.entries)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []struct{ kind, reason string }{{"block", "1 critical alerts within 1m0s"}, {"unblock", "ttl expired"}}
	if len(lines) != len(want) {
		t.Fatalf("events %q", lines)
	}
	for i, l := range lines {
		var ev struct {
			EventType string `json:"event_type"`
			SrcIP     string `json:"src_ip"`
			Block     struct {
				Reason string  `json:"reason"`
				SID    uint64  `json:"sid"`
				TTL    float64 `json:"ttl"`
			} `json:"block"`
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatal(err)
		}
		if ev.EventType != want[i].kind || ev.SrcIP != "192.0.2.1" || ev.Block.Reason != want[i].reason || ev.Block.SID != 42 {
			t.Errorf("event %d: %s", i, l)
		}
	}
}
