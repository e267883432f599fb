package kernel

import (
	"net/netip"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/bpflog"
)

// TestClassifierLogs: with the debug level, a packet dropped by the block
// list produces a log record that arrives decoded with its rule, the
// packet's addresses and its destination port; at the default level it
// produces none.
func TestClassifierLogs(t *testing.T) {
	for _, level := range []bpflog.Level{bpflog.LevelDebug, 0} {
		c := load(t, build(testRules), Options{LogLevel: level})
		if err := c.AddList(BlockList, netip.MustParsePrefix("192.0.2.0/24"), ListEntry{Rule: 77}); err != nil {
			t.Fatal(err)
		}
		rd, err := c.LogReader(bpflog.LevelDebug)
		if err != nil {
			t.Fatal(err)
		}
		p := packet{src: "192.0.2.9", dst: "10.1.2.3", proto: ipUDP, ttl: 64, sport: 5000, dport: 53, payload: "x"}
		if r, err := c.Run(p.bytes()); err != nil || r.Verdict != VerdictShot {
			t.Fatalf("run: %+v %v", r, err)
		}
		got := make(chan bpflog.Record, 1)
		// A record is in the ring before Run returns: a short wait shows
		// there is none; the wait for one is generous (busy machine).
		wait := 500 * time.Millisecond
		if level != 0 {
			wait = time.Minute
		}
		go func() {
			if rec, err := rd.Read(); err == nil {
				got <- rec
			}
		}()
		select {
		case rec := <-got:
			if level == 0 {
				t.Errorf("info level: got a debug record %v", rec)
				break
			}
			want := []any{netip.MustParseAddr("192.0.2.9"), netip.MustParseAddr("10.1.2.3"), bpflog.Port(53)}
			if rec.Level != bpflog.LevelDebug || rec.Rule != 77 || rec.Msg != "blocked" || len(rec.Args) != 3 ||
				rec.Args[0] != want[0] || rec.Args[1] != want[1] || rec.Args[2] != want[2] {
				t.Errorf("record %+v", rec)
			}
		case <-time.After(wait):
			if level != 0 {
				t.Error("no log record arrived")
			}
		}
		rd.Close()
	}
}
