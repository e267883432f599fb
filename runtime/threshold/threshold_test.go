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
		tr := New()
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
	tr := New()
	th := ir.Threshold{Kind: "limit", Track: "by_src", Count: 1, Seconds: 60}
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	now := time.Unix(0, 0)
	if !tr.Allow(th, KeyFor(th, 1, a, b, 0), now) || !tr.Allow(th, KeyFor(th, 1, b, a, 0), now) || tr.Allow(th, KeyFor(th, 1, a, a, 0), now) {
		t.Error("by_src keys are not separate")
	}
}
