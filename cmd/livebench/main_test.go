package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/live"
)

// TestSummaryReadsRunSummary reads the counters back from the summary line
// rulec run prints, so a change of its wording fails here, not in a bench.
func TestSummaryReadsRunSummary(t *testing.T) {
	now := time.Now()
	s := live.Snapshot{Time: now, Started: now.Add(-time.Minute), Iface: "veth0",
		Kernel: kernel.Counters{Packets: 101, Copies: 77, RingbufFull: 5},
		Engine: engine.Stats{Alerts: 9, AlertsByTier: map[string]uint64{"kernel": 4, "userspace": 5}}}
	var b bytes.Buffer
	b.WriteString("attached to veth0\n")
	s.WriteSummary(&b)
	got, err := summary(b.String())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint64{"packets": 101, "alerts": 9, "kernel": 4, "userspace": 5, "copies": 77, "ring": 5}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d (%s)", k, got[k], v, b.String())
		}
	}
	if _, err := summary("attached to veth0\n"); err == nil {
		t.Error("no summary line: want an error")
	}
}

func TestDNSQueryWireFormat(t *testing.T) {
	got := dnsQuery(nil, 0x1234, "ab.c")
	want := []byte{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 2, 'a', 'b', 1, 'c', 0, 0, 1, 0, 1}
	if !bytes.Equal(got, want) {
		t.Errorf("dnsQuery = % x, want % x", got, want)
	}
}
