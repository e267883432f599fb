package kernel

import (
	"fmt"
	"testing"
	"time"
)

const benchRepeat = 10_000

// BenchmarkClassifier measures header-only rule sets of growing size:
// each packet matches one rule (the last) and raises one alert.
func BenchmarkClassifier(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000} {
		c := load(b, build(headerRules(n)), Options{})
		for _, size := range []int{64, 512, 1500} {
			b.Run(fmt.Sprintf("rules=%d/size=%d", n, size), func(b *testing.B) {
				benchPacket(b, c, headerPacket(n-1, size))
			})
		}
	}
}

// BenchmarkScan measures the automaton: a 55,902-state automaton (10,000
// content slots) walks the whole payload of a packet that is a candidate
// of one content slot.
func BenchmarkScan(b *testing.B) {
	rules, _ := contentRules(10_000, 4_000, 16, 0, 1)
	r0 := rules[0]
	c := load(b, build(rules), Options{})
	for _, size := range []int{64, 512, 1500} {
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			p := packet{src: r0.src[0].Masked().Addr().String(), dst: "10.0.0.1", proto: ipTCP, sport: 1, dport: 60000}
			p.payload = string(make([]byte, size-len(p.bytes())))
			benchPacket(b, c, p.bytes())
		})
	}
}

func benchPacket(b *testing.B, c *Classifier, frame []byte) {
	var total time.Duration
	runs := 0
	for b.Loop() {
		d, err := c.Bench(frame, benchRepeat)
		if err != nil {
			b.Fatal(err)
		}
		total += d * benchRepeat
		runs += benchRepeat
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(runs), "ns/pkt")
}
