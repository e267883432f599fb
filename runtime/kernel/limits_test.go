package kernel

import (
	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/internal/bpftest"

	"testing"
	"time"
)

// TestLimits loads the classifier at the sizes it must reach and reports
// what the verifier processed; the verifier's work does not depend on the
// table sizes (every loop over them is a bpf_loop).
func TestLimits(t *testing.T) {
	sizes := []struct {
		name                        string
		slots, patterns, patternLen int
		headers                     int // distinct headers; 0: every rule its own
	}{
		{"10k slots 50k states", 10_000, 4_000, 16, 0},
		{"32k slots 200k states", 32_768, 12_000, 20, 0},
		{"max slots 200k states", kernelgen.MaxSlots, 12_000, 20, 256},
	}
	for _, s := range sizes {
		t.Run(s.name, func(t *testing.T) {
			if testing.Short() && s.slots > 10_000 {
				t.Skip("short mode")
			}
			bpftest.Require(t)
			start := time.Now()
			rules, patterns := contentRules(s.slots, s.patterns, s.patternLen, s.headers, 1)
			tb := build(rules)
			built := time.Since(start)
			if tb.Automaton.NStates < 50_000 {
				t.Fatalf("%d automaton states, want at least 50,000", tb.Automaton.NStates)
			}
			start = time.Now()
			c := load(t, tb, Options{})
			loaded := time.Since(start)
			insns, err := c.VerifiedInstructions()
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d slots, %d words, %d items, %d states, %d classes: %d instructions verified; tables built in %v, loaded and filled in %v",
				tb.NSlots, tb.NWords, len(tb.Items), tb.Automaton.NStates, tb.Automaton.NClasses, insns, built.Round(time.Millisecond), loaded.Round(time.Millisecond))

			// The first slot's rule fires on a packet from its prefix, to a
			// port it covers, carrying its patterns.
			r0 := rules[0]
			payload := "xx"
			for _, it := range r0.items {
				payload += string(it.Pattern) + "-"
			}
			p := packet{src: r0.src[0].Masked().Addr().String(), dst: "10.0.0.1", proto: ipTCP, sport: 1, dport: 60000, payload: payload}
			res, err := c.Run(p.bytes())
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range res.Events {
				found = found || (e.Kind == Alert && e.Rule == 0)
			}
			if !found {
				t.Errorf("rule 0 (%v, items %d of %d patterns) did not fire: %+v", r0.src, len(r0.items), len(patterns), res)
			}
			n := counters(t, c)
			if n.Errors != 0 || n.Scans != 1 {
				t.Errorf("counters %+v", n)
			}
		})
	}
}
