package kernel

import (
	"testing"
	"time"
)

// TestScaling checks the Linear Bit Vector Search bar: a packet costs at
// most twice as much with 10,000 header-only rules as with 100.
func TestScaling(t *testing.T) {
	cost := func(n int) time.Duration {
		c := load(t, build(headerRules(n)), Options{})
		frame := headerPacket(n-1, 1500)
		best := time.Duration(1 << 62)
		for range 5 {
			d, err := c.Bench(frame, 20_000)
			if err != nil {
				t.Fatal(err)
			}
			best = min(best, d)
		}
		return best
	}
	small, large := cost(100), cost(10_000)
	t.Logf("per packet: %v with 100 rules, %v with 10,000 (%.2fx)", small, large, float64(large)/float64(small))
	if large > 2*small {
		t.Errorf("10,000 rules cost %v per packet, more than twice the %v of 100", large, small)
	}
}
