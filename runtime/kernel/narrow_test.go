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

// TestUserspacePrefilterCopies: a packet whose header selects userspace
// rules with a prefilter content is copied up only if the classifier
// cannot decide the content's buffer or finds the content in it; a DNS
// query decided in the kernel is copied only to carry its alert's detail.
func TestUserspacePrefilterCopies(t *testing.T) {
	o := buildRules(t, `alert dns any any -> any any (msg:"k"; dns.query; content:"kern.example"; endswith; sid:1;)
alert dns any any -> any any (msg:"u"; dns.query; content:"user"; pcre:"/user[0-9]/"; sid:2;)
alert udp any any -> any 9999 (msg:"p"; content:"needle"; pcre:"/needle[0-9]/"; sid:3;)
`)
	kernelExcept(t, o, 2, 3)
	c := load(t, o.Kernel, Options{})
	ref := refeval.New(o.Kernel)
	q := []byte(dnsQuery("www.other.test"))
	q[5] = 2
	twoQuestions := string(q) + dnsQuery("user7.test")[12:]
	for _, tc := range []struct {
		name   string
		frame  []byte
		alerts int
		copy   CopyReason // 0: not copied
	}{
		{"query for neither", v4(ipUDP, 53, dnsQuery("www.other.test")).bytes(), 0, 0},
		{"query for the kernel rule", v4(ipUDP, 53, dnsQuery("a.kern.example")).bytes(), 1, CopyDetail},
		{"query with the userspace content", v4(ipUDP, 53, dnsQuery("user7.test")).bytes(), 0, CopyUserspace},
		{"query with two questions", v4(ipUDP, 53, twoQuestions).bytes(), 0, CopyUserspace | CopyApp},
		{"response with the userspace content", v4(ipUDP, 53, "\x12\x34\x81\x80"+dnsQuery("user7.test")[4:]).bytes(), 0, 0},
		{"DNS over TCP", v4(ipTCP, 53, "\x00\x1c"+dnsQuery("www.other.test")).bytes(), 0, CopyUserspace | CopyApp},
		{"datagram without the content", v4(ipUDP, 9999, "hay hay").bytes(), 0, 0},
		{"datagram with the content", v4(ipUDP, 9999, "ab\x80 needle hay").bytes(), 0, CopyUserspace},
		{"TCP segment", v4(ipTCP, 9999, "hay hay").bytes(), 0, CopyUserspace},
	} {
		got := run(t, c, tc.frame)
		want := ref.Run(tc.frame)
		if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) {
			t.Errorf("%s: classifier %d %v, reference %d %v", tc.name, got.Verdict, g, want.Verdict, want.Events)
		}
		alerts, copied := 0, CopyReason(0)
		for _, e := range got.Events {
			switch e.Kind {
			case Alert:
				alerts++
			case Copy:
				copied = e.Reason
			}
		}
		if alerts != tc.alerts || copied != tc.copy {
			t.Errorf("%s: %d alerts, copied for %v; want %d, %v", tc.name, alerts, copied, tc.alerts, tc.copy)
		}
	}
}
