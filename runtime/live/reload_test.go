package live

import (
	"encoding/binary"
	"slices"
	"sync"
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
// packet raises exactly one alert, from one rule set or the other.
func TestReloadUnderTraffic(t *testing.T) {
	p := setup(t)
	const (
		packets = 30_000
		reloads = 10
	)
	objs := [2]*object.Object{compile(t, seqRulesA), compile(t, seqRulesB)}
	var log eveLog
	r := start(t, p, objs[0], Config{Flow: flow.DefaultConfig(), EVE: &log})
	recv := listenUDP(t, &p.Server, p.Server.Addrs[0].String()+":9998")
	send := dialUDP(t, &p.Client, p.Server.Addrs[0].String()+":9998")

	seen := make([]int, packets)
	var rw sync.WaitGroup
	rw.Add(1)
	go func() {
		defer rw.Done()
		buf := make([]byte, 64)
		for {
			recv.SetReadDeadline(time.Now().Add(time.Second))
			n, err := recv.Read(buf)
			if err != nil {
				return
			}
			if n == 11 {
				if s := binary.BigEndian.Uint64(buf[3:]); s < packets {
					seen[s]++
				}
			}
		}
	}()
	done := make(chan error, 1)
	go func() {
		msg := []byte("SEQ\x00\x00\x00\x00\x00\x00\x00\x00")
		for i := range packets {
			binary.BigEndian.PutUint64(msg[3:], uint64(i))
			if _, err := send.Write(msg); err != nil {
				done <- err
				return
			}
			if i%20 == 19 {
				time.Sleep(time.Millisecond)
			}
		}
		done <- nil
	}()
	var swaps []time.Duration
	for i := range reloads {
		time.Sleep(100 * time.Millisecond)
		start := time.Now()
		if _, err := r.Reload(objs[(i+1)%2]); err != nil {
			t.Fatal(err)
		}
		swaps = append(swaps, time.Since(start))
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
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
