package live

import (
	"sync"
	"sync/atomic"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flowid"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/pipeline"
)

// worker decides the classifier events of the flows hashed to it, as
// Suricata's workers runmode does: it owns one engine per generation,
// with its own flow table, and locks only its own mutex while deciding,
// so workers never wait for each other on the hot path.
type worker struct {
	id      int
	queue   chan queued
	mu      sync.Mutex                // guards engines and err; held while deciding
	engines map[uint16]*engine.Engine // current and previous generation
	err     error                     // first error deciding
	shared  *sync.Mutex               // the engines' shared state (thresholds, xbits)
	holds   bool                      // the worker holds shared
}

// Wait takes the workers' shared state for the event being decided: the
// engine calls it before using thresholds or xbits, which all workers'
// engines share (engine.Sequencer). The worker gives it back once the
// event is decided.
func (w *worker) Wait() {
	if !w.holds {
		w.shared.Lock()
		w.holds = true
	}
}

// release gives back the shared state if the worker took it.
func (w *worker) release() {
	if w.holds {
		w.holds = false
		w.shared.Unlock()
	}
}

// newWorkers makes n workers, each with a queue of capacity queue.
func newWorkers(n, queue int) []*worker {
	shared := &sync.Mutex{}
	ws := make([]*worker, n)
	for i := range ws {
		ws[i] = &worker{id: i, queue: make(chan queued, queue), engines: map[uint16]*engine.Engine{}, shared: shared}
	}
	return ws
}

// newEngines returns one engine of o per worker: the first one's forks,
// sharing its rules, thresholds and xbits, each with its own flows.
func (r *Runner) newEngines(o *object.Object) ([]*engine.Engine, error) {
	root, err := r.newEngine(o)
	if err != nil {
		return nil, err
	}
	engines := []*engine.Engine{root}
	if len(r.workers) == 1 {
		return engines, nil
	}
	root.Sequence(r.workers[0])
	for _, w := range r.workers[1:] {
		engines = append(engines, root.Fork(liveKernel{r}, w))
	}
	return engines, nil
}

// lockWorkers locks every worker, in order; unlockWorkers undoes it.
func (r *Runner) lockWorkers() {
	for _, w := range r.workers {
		w.mu.Lock()
	}
}

func (r *Runner) unlockWorkers() {
	for _, w := range r.workers {
		w.release()
		w.mu.Unlock()
	}
}

// owner returns the worker of an event's flow: the offline workers' hash
// (pipeline.FlowOwner) of the frame it carries, decoded into dec, else of
// the event's tuple, so that every event of one flow, and every fragment
// of one datagram, goes to one worker; cfg is the decoder's
// configuration.
func owner(ev *kernel.Event, dec *decode.Packet, cfg *decode.Config, n int) int {
	if n == 1 {
		return 0
	}
	if ev.Data != nil {
		err := cfg.Decode(ev.Data, dec)
		return pipeline.FlowOwner(dec, err, n)
	}
	src, dst := ev.Src.Addr(), ev.Dst.Addr()
	if !src.IsValid() || !dst.IsValid() {
		return 0
	}
	k := flowid.Key{Src: flowid.Addr(src), Dst: flowid.Addr(dst), Proto: ev.Proto, Family: 6, VLAN: ev.VLANs}
	if src.Is4() {
		k.Family = 4
	}
	if ev.Proto == 6 {
		k.Sport, k.Dport = ev.Src.Port(), ev.Dst.Port()
	}
	return pipeline.KeyOwner(k, n)
}

// barrier is closed once every worker has decided what was queued to it
// before the barrier.
type barrier struct {
	left atomic.Int32
	done chan struct{}
}

// reached counts one worker past the barrier.
func (b *barrier) reached() {
	if b.left.Add(-1) == 0 {
		close(b.done)
	}
}
