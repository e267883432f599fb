package live

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/runtime/flow"
)

const (
	seqRulesA = `alert udp any any -> any 9998 (msg:"seq A"; content:"SEQ"; sid:201;)
drop udp any any -> any 9997 (msg:"closed"; sid:203;)
`
	seqRulesB = `alert udp any any -> any 9998 (msg:"seq B"; content:"SEQ"; sid:202;)
drop udp any any -> any 9997 (msg:"closed"; sid:203;)
alert tcp any any -> any 1 (msg:"filler"; sid:204;)
`
)

// TestReloadUnderTraffic streams numbered UDP packets while swapping two
// rule sets back and forth: the receiver gets every packet, and each
// packet raises exactly one alert, from one rule set or the other. The
// sender keeps at most one batch ahead of the classifier, so no packet is
// lost before it (the receive backlog) or after it (the socket buffer
// holds them all) whatever the machine's load; reloads happen at fixed
// points of the stream, so both rule sets see packets.
func TestReloadUnderTraffic(t *testing.T) {
	p := setup(t)
	const (
		packets = 30_000
		reloads = 10
		span    = packets / (reloads + 1) // packets per generation
		ahead   = 64                      // packets sent before the classifier has seen them
	)
	objs := [2]*object.Object{compile(t, seqRulesA), compile(t, seqRulesB)}
	var log eveLog
	r := start(t, p, objs[0], Config{Flow: flow.DefaultConfig(), EVE: &log})
	recv := listenUDP(t, &p.Server, p.Server.Addrs[0].String()+":9998")
	send := dialUDP(t, &p.Client, p.Server.Addrs[0].String()+":9998")

	seen := make([]int, packets)
	var received atomic.Int64
	var rw sync.WaitGroup
	rw.Add(1)
	go func() {
		defer rw.Done()
		buf := make([]byte, 64)
		for {
			n, err := recv.Read(buf)
			if err != nil {
				return
			}
			if n == 11 {
				if s := binary.BigEndian.Uint64(buf[3:]); s < packets {
					seen[s]++
					received.Add(1)
				}
			}
		}
	}()
	base := counters(t, r).Packets
	var sent atomic.Int64
	reloaded := make(chan struct{}, reloads)
	done := make(chan error, 1)
	go func() {
		msg := []byte("SEQ\x00\x00\x00\x00\x00\x00\x00\x00")
		for i := range packets {
			if i > span && i%span == 0 {
				<-reloaded // the next generation starts here
			}
			if i%ahead == 0 && !waitFor(patience, func() bool { return classified(r)-base >= uint64(i) }) {
				done <- fmt.Errorf("the classifier saw %d of %d packets sent", classified(r)-base, i)
				return
			}
			binary.BigEndian.PutUint64(msg[3:], uint64(i))
			if _, err := send.Write(msg); err != nil {
				done <- err
				return
			}
			sent.Store(int64(i + 1))
		}
		done <- nil
	}()
	var swaps []time.Duration
	for i := range reloads {
		// Mid-generation: traffic flows while the rule set is swapped.
		for sent.Load() < int64(span*(i+1)+span/2) {
			time.Sleep(time.Millisecond)
		}
		start := time.Now()
		if _, err := r.Reload(objs[(i+1)%2]); err != nil {
			t.Fatal(err)
		}
		swaps = append(swaps, time.Since(start))
		reloaded <- struct{}{}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !waitFor(patience, func() bool { return received.Load() == packets }) {
		t.Errorf("receiver got %d of %d packets", received.Load(), packets)
	}
	recv.Close()
	rw.Wait()
	snap, err := r.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	lost, dup := 0, 0
	for _, n := range seen {
		switch {
		case n == 0:
			lost++
		case n > 1:
			dup++
		}
	}
	if lost != 0 || dup != 0 {
		t.Errorf("receiver: %d of %d packets lost, %d duplicated", lost, packets, dup)
	}
	a := log.count(t, func(e eveRecord) bool { return e.Alert.SID == 201 })
	b := log.count(t, func(e eveRecord) bool { return e.Alert.SID == 202 })
	if a+b != packets || a == 0 || b == 0 {
		t.Errorf("alerts: %d from rule set A + %d from B, want %d in all, from both", a, b, packets)
	}
	if snap.Reloads != reloads || snap.StaleEvents != 0 || snap.Kernel.RingbufFull != 0 || snap.Generation != reloads+1 {
		t.Errorf("snapshot: %d reloads, generation %d, %d stale events, %d ring losses", snap.Reloads, snap.Generation, snap.StaleEvents, snap.Kernel.RingbufFull)
	}
	t.Logf("%d packets, %d reloads (each %v to %v), alerts A %d + B %d, queue max %d", packets, reloads, slices.Min(swaps).Round(time.Microsecond), slices.Max(swaps).Round(time.Microsecond), a, b, snap.QueueMax)
}

// classified is how many packets the classifier has seen.
func classified(r *Runner) uint64 {
	s, err := r.Snapshot()
	if err != nil {
		return 0
	}
	return s.Kernel.Packets
}
