package live

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/flow"
)

// TestRingLoss stalls the engine (the worker waits for its lock,
// the reader for the one-event queue) while alerting packets fill a
// one-page ring buffer: the losses are counted, every alert is either in
// EVE or among them, and the final snapshot, its summary and its EVE
// stats record report them.
func TestRingLoss(t *testing.T) {
	p := setup(t)
	var log eveLog
	r := start(t, p, compile(t, e2eRules), Config{Flow: flow.DefaultConfig(), EVE: &log, RingSize: 4096, Queue: 1})
	recv := listenUDP(t, &p.Server, p.Server.Addrs[0].String()+":7000")
	go drain(recv)
	send := dialUDP(t, &p.Client, p.Server.Addrs[0].String()+":7000")
	const packets = 300
	r.mu.Lock()
	r.lockWorkers()
	resume := func() {
		r.unlockWorkers()
		r.mu.Unlock()
	}
	base, err := r.cls.Counters()
	if err != nil {
		resume()
		t.Fatal(err)
	}
	for i := range packets {
		if _, err := fmt.Fprintf(send, "PROBE %d", i); err != nil {
			resume()
			t.Fatal(err)
		}
	}
	seen := waitFor(patience, func() bool {
		k, err := r.cls.Counters()
		return err == nil && k.Alert-base.Alert >= packets
	})
	resume()
	if !seen {
		t.Fatal("the classifier did not alert on every packet sent")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := r.Final()
	if err != nil {
		t.Fatal(err)
	}
	lost := s.Kernel.RingbufFull
	hits := log.count(t, func(e eveRecord) bool { return e.Alert.SID == 101 })
	if lost == 0 || uint64(hits)+lost != s.Kernel.Alert || s.RingSize != 4096 {
		t.Errorf("ring of %d bytes: %d lost, %d alerts in EVE, classifier alerted %d times", s.RingSize, lost, hits, s.Kernel.Alert)
	}
	var sum bytes.Buffer
	s.WriteSummary(&sum)
	if want := fmt.Sprintf("lost: ring buffer %d records", lost); !bytes.Contains(sum.Bytes(), []byte(want)) {
		t.Errorf("summary %q has no %q", sum.String(), want)
	}
	if drops := s.EVE().Sections["stats"]["capture"].(map[string]any)["kernel_drops"]; drops != lost {
		t.Errorf("EVE stats capture.kernel_drops %v, want %d", drops, lost)
	}
	if s.Time.Before(s.Started) || s.Started.IsZero() || time.Since(s.Started) > time.Hour {
		t.Errorf("final snapshot at %v, started %v", s.Time, s.Started)
	}
}
