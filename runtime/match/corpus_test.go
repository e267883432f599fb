package match

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match/pcre"
)

var etOnce struct {
	sync.Once
	rules []*ir.Rule
	err   error
}

// etUserspace returns ET Open's rules that lower to the userspace tier.
func etUserspace(tb testing.TB) []*ir.Rule {
	tb.Helper()
	dir := corpus.Dir(tb, "etopen")
	etOnce.Do(func() {
		res, err := compiler.Compile([]string{dir}, compiler.Options{})
		if err != nil {
			etOnce.err = err
			return
		}
		for _, r := range res.Rules {
			if r.Lang == ir.Suricata && lower.Decide(r).Tier == lower.Userspace {
				etOnce.rules = append(etOnce.rules, r)
			}
		}
	})
	if etOnce.err != nil {
		tb.Fatal(etOnce.err)
	}
	return etOnce.rules
}

// TestETOpen compiles every userspace rule of ET Open: only what cannot
// be evaluated faithfully is rejected, each for a stated reason.
func TestETOpen(t *testing.T) {
	rules := etUserspace(t)
	e, err := Compile(rules)
	var rej *RejectedError
	if err != nil && !errors.As(err, &rej) {
		t.Fatal(err)
	}
	reasons := map[string]int{}
	if rej != nil {
		for _, r := range rej.Rules {
			if !errors.Is(r, diag.ErrUnsupported) && !errors.Is(r, pcre.ErrUnsupported) {
				t.Errorf("%v: not an unsupported feature", r)
			}
			reason := r.Err.Error()
			if i := strings.IndexAny(reason, ":/"); i > 0 {
				reason = reason[:i]
			}
			reasons[reason]++
		}
	}
	if n := len(e.Rejected()); n > len(rules)/100 {
		t.Errorf("%d of %d rules rejected: %v", n, len(rules), reasons)
	}
	backtrack := 0
	for _, r := range rules {
		for _, m := range r.Matchers {
			if p, ok := m.(*ir.PCRE); ok {
				if re, err := pcre.Compile(p.Pattern, p.Flags); err == nil && re.Backtracking() {
					backtrack++
				}
			}
		}
	}
	t.Logf("%d rules, %d rejected %v; %d pcre on the backtracking engine", len(rules), len(e.Rejected()), reasons, backtrack)
}

// etTokens returns ET Open's content strings, the material of the random
// units.
func etTokens(rules []*ir.Rule) map[string][][]byte {
	tokens := map[string][][]byte{}
	for _, r := range rules {
		for _, m := range r.Matchers {
			if c, ok := m.(*ir.Content); ok {
				tokens[c.Buffer.Name] = append(tokens[c.Buffer.Name], c.Pattern)
			}
		}
	}
	return tokens
}

// randomUnit fills the buffers ET Open uses most with pieces of its
// contents, in random case, and noise.
func randomUnit(rng *rand.Rand, tokens map[string][][]byte, names []string) *inspect.Unit {
	u := &inspect.Unit{Kind: inspect.KindPacket, Packet: &inspect.Packet{Proto: 6, TTL: 64}}
	for _, name := range names {
		if rng.IntN(3) == 0 {
			continue
		}
		var b []byte
		for range rng.IntN(6) {
			switch pool := tokens[name]; {
			case rng.IntN(3) == 0 || len(pool) == 0:
				const noise = "ab/.=&?\r\n \x00\x01\xff"
				for range rng.IntN(8) {
					b = append(b, noise[rng.IntN(len(noise))])
				}
			default:
				tok := slices.Clone(pool[rng.IntN(len(pool))])
				if rng.IntN(4) == 0 {
					for i := range tok {
						if c := tok[i] | 0x20; c >= 'a' && c <= 'z' && rng.IntN(2) == 0 {
							tok[i] ^= 0x20
						}
					}
				}
				b = append(b, tok...)
			}
		}
		u.SetBuffer(name, b)
	}
	return u
}

// TestPrefilterProperty checks on random units that the prefilter drops
// no rule that would match: prefilter and confirmation give the same
// rules as confirming every rule.
func TestPrefilterProperty(t *testing.T) {
	rules := etUserspace(t)
	e, _ := Compile(rules)
	tokens := etTokens(rules)
	names := slices.Sorted(maps.Keys(tokens))
	all := e.All()
	rng := rand.New(rand.NewPCG(11, 12))
	matches := 0
	for i := range 300 {
		u := randomUnit(rng, tokens, names)
		got, want := e.groupMatch(u, all), e.confirmEach(u, all)
		if !slices.Equal(got, want) {
			t.Fatalf("unit %d: prefilter gives %v, confirming all gives %v", i, got, want)
		}
		if every := e.MatchAll(u); !slices.Equal(every, want) {
			t.Fatalf("unit %d: MatchAll gives %v, confirming all gives %v", i, every, want)
		}
		// A group of a few rules keeps only its own among the hits.
		some := slices.DeleteFunc(slices.Clone(all), func(int) bool { return rng.IntN(50) != 0 })
		if got, want := e.groupMatch(u, some), e.confirmEach(u, some); !slices.Equal(got, want) {
			t.Fatalf("unit %d, %d candidates: prefilter gives %v, confirming all gives %v", i, len(some), got, want)
		}
		matches += len(got)
		// A group of one or two rules looks for their literals directly.
		few := []int{all[rng.IntN(len(all))], all[rng.IntN(len(all))]}[:1+rng.IntN(2)]
		if got, want := e.groupMatch(u, few), e.confirmEach(u, few); !slices.Equal(got, want) {
			t.Fatalf("unit %d, candidates %v: prefilter gives %v, confirming all gives %v", i, few, got, want)
		}
	}
	if matches == 0 {
		t.Error("no rule matched any unit: the property was not exercised")
	}
	t.Logf("%d matches over 300 units", matches)
}

// TestNocaseFastPattern puts a case-sensitive and a nocase pattern with
// the same letters in one folded automaton.
func TestNocaseFastPattern(t *testing.T) {
	rules := compileRules(t,
		`alert tcp any any -> any any (content:"Host"; sid:1;)`,
		`alert tcp any any -> any any (content:"host"; nocase; sid:2;)`,
		`alert tcp any any -> any any (content:"HOST"; content:"x"; sid:3;)`,
	)
	e, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		payload string
		want    []int
	}{
		{"HOST", []int{1}},
		{"Host", []int{0, 1}},
		{"hOsT x", []int{1}},
		{"HOST x", []int{1, 2}},
	}
	for _, tc := range tests {
		if got := e.groupMatch(payload(tc.payload), e.All()); !slices.Equal(got, tc.want) {
			t.Errorf("%q: Match = %v, want %v", tc.payload, got, tc.want)
		}
	}
}

// TestConcurrentMatch runs one engine from several goroutines: each gets
// what a lone caller gets.
func TestConcurrentMatch(t *testing.T) {
	rules := etUserspace(t)
	e, _ := Compile(rules)
	tokens := etTokens(rules)
	names := slices.Sorted(maps.Keys(tokens))
	rng := rand.New(rand.NewPCG(21, 22))
	units := make([]*inspect.Unit, 64)
	want := make([][]int, len(units))
	for i := range units {
		units[i] = randomUnit(rng, tokens, names)
		want[i] = e.MatchAll(units[i])
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(units))
	for g := range 4 {
		wg.Go(func() {
			for k := range units {
				i := (k + g*16) % len(units)
				if got := e.MatchAll(units[i]); !slices.Equal(got, want[i]) {
					errs <- fmt.Sprintf("unit %d: %v, want %v", i, got, want[i])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}
