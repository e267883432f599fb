package live

import (
	"sync"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/runtime/flow"
)

// gatedLog is an EVE output whose writes wait until the gate opens.
type gatedLog struct {
	eveLog
	gate chan struct{}
	once sync.Once
}

func (g *gatedLog) Write(p []byte) (int, error) {
	<-g.gate
	return g.eveLog.Write(p)
}

func (g *gatedLog) open() { g.once.Do(func() { close(g.gate) }) }

// TestReloadWaitsForQueuedEvents: events of the replaced rule set still
// queued when the engine is slow (here: its EVE output stalls) are decided
// by their own engine, however many reloads follow: a reload retires an
// engine only once every event read before it has been decided.
func TestReloadWaitsForQueuedEvents(t *testing.T) {
	p := setup(t)
	objs := [2]*object.Object{compile(t, seqRulesA), compile(t, seqRulesB)}
	log := &gatedLog{gate: make(chan struct{})}
	r := start(t, p, objs[0], Config{Flow: flow.DefaultConfig(), EVE: log})
	t.Cleanup(log.open)
	go drain(listenUDP(t, &p.Server, p.Server.Addrs[0].String()+":9998"))
	send := dialUDP(t, &p.Client, p.Server.Addrs[0].String()+":9998")
	snap := func() Snapshot {
		s, err := r.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// The first alert is decided; writing it out stalls the worker.
	if _, err := send.Write([]byte("SEQ 0")); err != nil {
		t.Fatal(err)
	}
	if !waitFor(patience, func() bool { return snap().Engine.Alerts == 1 }) {
		t.Fatal("first alert not decided")
	}
	const queued = 50
	for range queued {
		if _, err := send.Write([]byte("SEQ n")); err != nil {
			t.Fatal(err)
		}
	}
	if !waitFor(patience, func() bool { return snap().QueueDepth == queued }) {
		t.Fatalf("queue depth %d, want %d", snap().QueueDepth, queued)
	}
	reloaded := make(chan error, 1)
	go func() {
		for _, o := range []*object.Object{objs[1], objs[0]} {
			if _, err := r.Reload(o); err != nil {
				reloaded <- err
				return
			}
		}
		reloaded <- nil
	}()
	// Open the gate once a reload waits for the queue (its barrier is
	// queued behind the events), the reloads are done without waiting, or
	// (a reload stuck behind the stalled output) patience runs out. The
	// runner's lock may be held meanwhile: look at the queue directly.
	var err error
	waitFor(patience, func() bool {
		select {
		case err = <-reloaded:
			return true
		default:
			return r.queueDepth() > queued
		}
	})
	log.open()
	if err == nil {
		err = <-reloaded
	}
	if err != nil {
		t.Fatal(err)
	}
	s := snap()
	if s.StaleEvents != 0 || s.Engine.Alerts != queued+1 || s.Generation != 3 {
		t.Errorf("%d stale events, %d alerts, generation %d; want 0, %d, 3", s.StaleEvents, s.Engine.Alerts, s.Generation, queued+1)
	}
}
