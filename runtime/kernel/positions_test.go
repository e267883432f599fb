package kernel

import (
	"strings"
	"testing"
)

// TestContentPositions puts a pattern at every position of payloads of
// several lengths: the two walks of the automaton must together see every
// match, including those across the middle.
func TestContentPositions(t *testing.T) {
	c := load(t, build(testRules), Options{})
	for _, n := range []int{3, 17, 100, 101, 230, 1400} {
		for _, pat := range []struct {
			proto uint8
			port  uint16
			s     string
		}{{ipUDP, 53, "abc"}, {ipTCP, 6000, longPattern}} {
			for i := 0; i+len(pat.s) <= n; i++ {
				payload := strings.Repeat(".", i) + pat.s + strings.Repeat(".", n-i-len(pat.s))
				r := run(t, c, v4(pat.proto, pat.port, payload).bytes())
				if len(r.Events) != 1 || r.Events[0].Rule != uint32(pat.port) {
					t.Fatalf("%d-byte pattern at %d of %d: %+v", len(pat.s), i, n, r)
				}
			}
		}
	}
}
