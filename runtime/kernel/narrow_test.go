package kernel

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/runtime/refeval"
)

// dnsQuery is a DNS query message for name, one question, no records.
func dnsQuery(name string) string {
	m := []byte{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}
	for _, l := range strings.Split(name, ".") {
		m = append(m, byte(len(l)))
		m = append(m, l...)
	}
	return string(append(m, 0, 0, 1, 0, 1))
}

// narrowRun classifies frame with c and the reference evaluator, requires
// the same verdict and events, and returns the alerted sids (rule index
// + base) and how many slots the classifier visited and matched.
func narrowRun(t *testing.T, c *Classifier, ref *refeval.Evaluator, frame []byte) (alerts int, visited, matched uint64) {
	t.Helper()
	before := counters(t, c)
	got := run(t, c, frame)
	want := ref.Run(frame)
	if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) {
		t.Fatalf("classifier %d %v, reference %d %v", got.Verdict, g, want.Verdict, want.Events)
	}
	for _, e := range got.Events {
		if e.Kind == Alert {
			alerts++
		}
	}
	after := counters(t, c)
	return alerts, after.Candidates - before.Candidates, after.Matched - before.Matched
}

// TestNarrowedWalk: a packet visits only the slots it can match, the
// slots without a positive item and those of the items its scans found,
// not every slot its header selects; a packet whose scans find more
// items than the classifier keeps walks them all and still matches
// every slot.
func TestNarrowedWalk(t *testing.T) {
	t.Run("dns.query", func(t *testing.T) {
		var rules strings.Builder
		for i := range 200 {
			fmt.Fprintf(&rules, "alert dns any any -> any any (msg:\"n\"; dns.query; content:\"z%dz\"; nocase; sid:%d;)\n", i, 1000+i)
		}
		rules.WriteString("alert dns any any -> any any (msg:\"long\"; dns.query; bsize:>200; sid:5;)\n")
		o := buildRules(t, rules.String())
		kernelExcept(t, o)
		c := load(t, o.Kernel, Options{})
		ref := refeval.New(o.Kernel)

		alerts, visited, matched := narrowRun(t, c, ref, v4(ipUDP, 53, dnsQuery("a.Z17z.test")).bytes())
		if alerts != 1 || matched != 1 || visited != 2 {
			t.Errorf("query with one rule's content: %d alerts, %d matched, %d slots visited; want 1, 1, 2 (its slot and the bsize slot)", alerts, matched, visited)
		}
		alerts, visited, _ = narrowRun(t, c, ref, v4(ipUDP, 53, dnsQuery("nothing.test")).bytes())
		if alerts != 0 || visited != 1 {
			t.Errorf("query with no rule's content: %d alerts, %d slots visited; want 0, 1", alerts, visited)
		}
		alerts, _, _ = narrowRun(t, c, ref, v4(ipTCP, 80, "z3z z4z").bytes())
		if alerts != 0 {
			t.Errorf("TCP payload with rule contents: %d dns.query alerts", alerts)
		}
	})
	t.Run("payload past the found items the classifier keeps", func(t *testing.T) {
		n := bpf.MaxFound + 44
		var rules, payload strings.Builder
		for i := range n {
			fmt.Fprintf(&rules, "alert udp any any -> any 9999 (msg:\"p\"; content:\"p%d|3b|\"; sid:%d;)\n", i, 1000+i)
			fmt.Fprintf(&payload, "p%d;", i)
		}
		o := buildRules(t, rules.String())
		kernelExcept(t, o)
		c := load(t, o.Kernel, Options{})
		ref := refeval.New(o.Kernel)

		alerts, visited, matched := narrowRun(t, c, ref, v4(ipUDP, 9999, "p7; p70; p170;").bytes())
		if alerts != 3 || matched != 3 || visited != 3 {
			t.Errorf("three contents: %d alerts, %d matched, %d slots visited; want 3 each", alerts, matched, visited)
		}
		alerts, visited, matched = narrowRun(t, c, ref, v4(ipUDP, 9999, payload.String()).bytes())
		if alerts != bpf.MaxEvents || matched != uint64(n) || visited != uint64(n) {
			t.Errorf("every content: %d alerts, %d matched, %d slots visited; want %d, %d, %d", alerts, matched, visited, bpf.MaxEvents, n, n)
		}
	})
}
