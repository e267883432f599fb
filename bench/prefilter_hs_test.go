package bench

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rulec/rulec/bench/internal/hyperscan"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/match/ac"
)

// etLiterals returns n distinct content strings of ET Open with their
// nocase flags, shuffled with a fixed seed; suffixes (at least 4 bytes,
// same flag) make up the rest when ET Open has fewer. With caseSensitive
// every flag is cleared.
func etLiterals(tb testing.TB, n int, caseSensitive bool) []ac.Pattern {
	tb.Helper()
	res, err := compiler.Compile([]string{corpusDir(tb, "etopen")}, compiler.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	seen := map[string]bool{}
	var pats []ac.Pattern
	add := func(p []byte, nocase bool) {
		key := fmt.Sprintf("%t:%s", nocase, p)
		if len(p) > 0 && !seen[key] {
			seen[key] = true
			pats = append(pats, ac.Pattern{Bytes: p, Nocase: nocase})
		}
	}
	for _, r := range res.Rules {
		for _, m := range r.Matchers {
			if c, ok := m.(*ir.Content); ok {
				add(c.Pattern, c.Nocase && !caseSensitive)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	rng.Shuffle(len(pats), func(i, j int) { pats[i], pats[j] = pats[j], pats[i] })
	for k := 1; len(pats) < n; k++ {
		before := len(pats)
		for _, p := range pats[:before] {
			if len(p.Bytes)-k >= 4 && len(pats) < n {
				add(p.Bytes[k:], p.Nocase)
			}
		}
		if len(pats) == before && k > 256 {
			tb.Fatalf("ET Open yields only %d strings, want %d", len(pats), n)
		}
	}
	return pats[:n]
}

// plantedPackets returns count packets of size bytes of printable text
// with about one pattern per 100 bytes written in, nocase ones in random
// case, for comparing every match of two matchers.
func plantedPackets(count, size int, pats []ac.Pattern) [][]byte {
	rng := rand.New(rand.NewPCG(5, 6))
	const text = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /=&?.-_:;,\r\n"
	out := make([][]byte, count)
	for i := range out {
		p := make([]byte, size)
		for j := range p {
			p[j] = text[rng.IntN(len(text))]
		}
		for range size / 100 {
			pat := pats[rng.IntN(len(pats))]
			if len(pat.Bytes) > size {
				continue
			}
			at := rng.IntN(size - len(pat.Bytes) + 1)
			copy(p[at:], pat.Bytes)
			if pat.Nocase {
				for j := at; j < at+len(pat.Bytes); j++ {
					if c := p[j] | 0x20; c >= 'a' && c <= 'z' && rng.IntN(2) == 0 {
						p[j] ^= 0x20
					}
				}
			}
		}
		out[i] = p
	}
	return out
}

func sortMatches(ms []hyperscan.Match) {
	slices.SortFunc(ms, func(a, b hyperscan.Match) int {
		if a.End != b.End {
			return a.End - b.End
		}
		return a.ID - b.ID
	})
}

// BenchmarkPrefilterHyperscan scans clean 1.5 KB packets for 1k, 10k and
// 30k ET Open content strings with Hyperscan's literal matcher
// (hs_compile_lit_multi, block mode) and rulec's, once with every pattern
// case-sensitive and once with ET's own nocase flags. Before timing, both
// must report the same matches (pattern and end) on packets with
// patterns written in, and none on the clean packets.
func BenchmarkPrefilterHyperscan(b *testing.B) {
	for _, mix := range []struct {
		name          string
		caseSensitive bool
	}{{"case", true}, {"nocase-mix", false}} {
		for _, n := range []int{1000, 10000, 30000} {
			pats := etLiterals(b, n, mix.caseSensitive)
			lits := make([][]byte, n)
			nocase := make([]bool, n)
			for i, p := range pats {
				lits[i], nocase[i] = p.Bytes, p.Nocase
			}
			hs, err := hyperscan.Compile(lits, nocase)
			if err != nil {
				b.Fatal(err)
			}
			m, err := ac.New(pats)
			if err != nil {
				b.Fatal(err)
			}
			for i, p := range plantedPackets(16, packetSize, pats) {
				want, err := hs.Matches(p, nil)
				if err != nil {
					b.Fatal(err)
				}
				var got []hyperscan.Match
				m.Find(p, func(id, end int) bool {
					got = append(got, hyperscan.Match{ID: id, End: end})
					return true
				})
				sortMatches(got)
				sortMatches(want)
				if !slices.Equal(got, want) {
					b.Fatalf("%s/%d packet %d: rulec finds %d matches, hyperscan %d", mix.name, n, i, len(got), len(want))
				}
			}
			packets := cleanPackets(64, packetSize, func(p []byte) (int, bool) {
				end, found := 0, false
				m.Find(p, func(_, e int) bool {
					end, found = e, true
					return false
				})
				return end, found
			})
			for _, p := range packets {
				if c, err := hs.Count(p); err != nil || c != 0 {
					b.Fatalf("hyperscan finds %d matches in a clean packet (%v)", c, err)
				}
			}
			size := fmt.Sprintf("%s/%dk", mix.name, n/1000)
			b.Run("hyperscan/"+size, func(b *testing.B) {
				i := 0
				loopCPU(b, packetSize, func() {
					if c, _ := hs.Count(packets[i%len(packets)]); c != 0 {
						b.Fatal("unexpected hit")
					}
					i++
				})
				b.ReportMetric(float64(hs.Size())/1e6, "table-MB")
			})
			b.Run("rulec/"+size, func(b *testing.B) {
				hits, i := 0, 0
				loopCPU(b, packetSize, func() {
					m.Find(packets[i%len(packets)], func(int, int) bool {
						hits++
						return true
					})
					if hits != 0 {
						b.Fatal("unexpected hit")
					}
					i++
				})
				b.ReportMetric(float64(m.Size())/1e6, "table-MB")
			})
		}
	}
}
