package bench

import (
	"fmt"
	"testing"

	"github.com/cloudflare/ahocorasick"

	"github.com/rulec/rulec/runtime/match/ac"
)

const packetSize = 1500

// BenchmarkPrefilter scans clean 1.5 KB packets for 1k, 10k and 30k ET
// Open content strings with Cloudflare's Aho-Corasick and rulec's DFA.
// Both are case-sensitive here and report the distinct patterns found.
func BenchmarkPrefilter(b *testing.B) {
	for _, n := range []int{1000, 10000, 30000} {
		pats := etContents(b, n)
		specs := make([]ac.Pattern, len(pats))
		for i, p := range pats {
			specs[i] = ac.Pattern{Bytes: p}
		}
		m, err := ac.New(specs)
		if err != nil {
			b.Fatal(err)
		}
		packets := cleanPackets(64, packetSize, func(p []byte) (int, bool) {
			end, found := 0, false
			m.Find(p, func(_, e int) bool {
				end, found = e, true
				return false
			})
			return end, found
		})
		cf := ahocorasick.NewMatcher(pats)
		for _, p := range packets {
			if hits := cf.Match(p); len(hits) > 0 {
				b.Fatalf("cloudflare finds %d patterns in a clean packet", len(hits))
			}
		}
		size := fmt.Sprintf("%dk", n/1000)
		b.Run("cloudflare/"+size, func(b *testing.B) {
			b.SetBytes(packetSize)
			i := 0
			for b.Loop() {
				if len(cf.Match(packets[i%len(packets)])) != 0 {
					b.Fatal("unexpected hit")
				}
				i++
			}
		})
		b.Run("rulec/"+size, func(b *testing.B) {
			b.SetBytes(packetSize)
			seen := make([]bool, len(pats))
			var ids []int
			i := 0
			for b.Loop() {
				ids = ids[:0]
				m.Find(packets[i%len(packets)], func(id, _ int) bool {
					if !seen[id] {
						seen[id] = true
						ids = append(ids, id)
					}
					return true
				})
				if len(ids) != 0 {
					b.Fatal("unexpected hit")
				}
				i++
			}
			b.ReportMetric(float64(m.Size())/1e6, "table-MB")
		})
	}
}
