package threshold

import (
	"net/netip"
	"testing"
	"time"

	"github.com/rulec/rulec/compiler/ir"
)

func TestKinds(t *testing.T) {
	src := netip.MustParseAddr("10.0.0.1")
	base := time.Unix(1000, 0)
	cases := []struct {
		th   ir.Threshold
		want string // one char per match, one second apart: A alert, . none
	}{
		{ir.Threshold{Kind: "threshold", Track: "by_src", Count: 3, Seconds: 60}, "..A..A..A"},
		{ir.Threshold{Kind: "limit", Track: "by_src", Count: 2, Seconds: 60}, "AA......."},
		{ir.Threshold{Kind: "both", Track: "by_src", Count: 3, Seconds: 60}, "..A......"},
		{ir.Threshold{Kind: "detection_filter", Track: "by_src", Count: 3, Seconds: 60}, "...AAAAAA"},
		{ir.Threshold{Kind: "limit", Track: "by_src", Count: 1, Seconds: 3}, "A...A...A"},
		{ir.Threshold{Kind: "backoff", Track: "by_flow", Count: 1, Multiplier: 2}, "AA.A...A."},
	}
	for _, c := range cases {
		tr := New(0)
		got := ""
		for i := range len(c.want) {
			if tr.Allow(c.th, KeyFor(c.th, 1, src, src, 7), base.Add(time.Duration(i)*time.Second)) {
				got += "A"
			} else {
				got += "."
			}
		}
		if got != c.want {
			t.Errorf("%+v: got %s, want %s", c.th, got, c.want)
		}
	}
}

func TestKeysSeparate(t *testing.T) {
	tr := New(0)
	th := ir.Threshold{Kind: "limit", Track: "by_src", Count: 1, Seconds: 60}
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	now := time.Unix(0, 0)
	if !tr.Allow(th, KeyFor(th, 1, a, b, 0), now) || !tr.Allow(th, KeyFor(th, 1, b, a, 0), now) || tr.Allow(th, KeyFor(th, 1, a, a, 0), now) {
		t.Error("by_src keys are not separate")
	}
}

func TestEntriesExpireWithTheirWindow(t *testing.T) {
	tr := New(0)
	short := ir.Threshold{Kind: "detection_filter", Track: "by_src", Count: 20, Seconds: 2}
	long := ir.Threshold{Kind: "detection_filter", Track: "by_src", Count: 20, Seconds: 600}
	base := time.Unix(1000, 0)
	for i := range 100 {
		src := netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)})
		tr.Allow(short, KeyFor(short, 1, src, src, 0), base)
		tr.Allow(long, KeyFor(long, 2, src, src, 0), base)
	}
	if tr.Len() != 200 {
		t.Fatalf("tracked %d keys, want 200", tr.Len())
	}
	dst := netip.MustParseAddr("192.0.2.1")
	tr.Allow(long, KeyFor(long, 2, dst, dst, 0), base.Add(3*time.Second))
	if tr.Len() != 101 || tr.Stats().Expired != 100 {
		t.Errorf("3 s later: %d keys, %d expired; want the 100 of the 2 s rule gone (101 left)", tr.Len(), tr.Stats().Expired)
	}
}

func TestFullTableFailsClosed(t *testing.T) {
	const bound = 64
	tr := New(bound)
	th := ir.Threshold{Kind: "detection_filter", Track: "by_src", Count: 20, Seconds: 60}
	now := time.Unix(1000, 0)
	alerts := 0
	for i := range 10 * bound {
		src := netip.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)})
		if tr.Allow(th, KeyFor(th, 1, src, src, 0), now) {
			alerts++
		}
	}
	if alerts != 0 {
		t.Errorf("%d alerts from distinct sources matching once each under count 20", alerts)
	}
	if tr.Len() != bound || tr.Stats().Full != 9*bound {
		t.Errorf("len %d full %d, want %d and %d", tr.Len(), tr.Stats().Full, bound, 9*bound)
	}
	// A key already tracked still counts and alerts past its count.
	src := netip.AddrFrom4([4]byte{10, 1, 0, 0})
	got := 0
	for range 25 {
		if tr.Allow(th, KeyFor(th, 1, src, src, 0), now) {
			got++
		}
	}
	if got != 6 {
		t.Errorf("tracked key alerted %d times of 25 matches (count 20, one seen before), want 6", got)
	}
	// Once the window ends the table has room again.
	later := now.Add(61 * time.Second)
	other := netip.MustParseAddr("192.0.2.9")
	for range 21 {
		tr.Allow(th, KeyFor(th, 1, other, other, 0), later)
	}
	if tr.Len() != 1 {
		t.Errorf("after the window: %d keys, want 1", tr.Len())
	}
}

func TestBackoffKeptWhileActive(t *testing.T) {
	tr := New(0)
	th := ir.Threshold{Kind: "backoff", Track: "by_flow", Count: 1, Multiplier: 10}
	now := time.Unix(0, 0)
	got := ""
	for i := range 12 {
		if tr.Allow(th, KeyFor(th, 1, netip.Addr{}, netip.Addr{}, 7), now.Add(time.Duration(i)*50*time.Minute)) {
			got += "A"
		} else {
			got += "."
		}
	}
	if got != "A........A.." {
		t.Errorf("backoff over 10 hours of matches 50 min apart: %s", got)
	}
}

// TestRateFilter: past count matches in the window the new action holds
// for timeout seconds, then the window's count goes on.
func TestRateFilter(t *testing.T) {
	th := ir.Threshold{Kind: "rate_filter", Track: "by_src", Count: 2, Seconds: 10, NewAction: ir.ActDrop, Timeout: 5}
	src, other := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	tr := New(0)
	base := time.Unix(1000, 0)
	got := ""
	for i := range 10 {
		if tr.Rate(th, KeyFor(th, 1, src, src, 0), base.Add(time.Duration(i)*time.Second)) {
			got += "D"
		} else {
			got += "."
		}
	}
	if got != "..DDDDDD.D" {
		t.Errorf("rate_filter over 10 matches a second apart: %s, want ..DDDDDD.D", got)
	}
	if tr.Rate(th, KeyFor(th, 1, other, other, 0), base.Add(9*time.Second)) {
		t.Error("another source shares the count")
	}
	if tr.Rate(th, KeyFor(th, 1, src, src, 0), base.Add(40*time.Second)) {
		t.Error("the count did not start again after the window and the timeout")
	}
}
