package live

import (
	"errors"
	"sync/atomic"

	"github.com/cilium/ebpf/ringbuf"

	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/pipeline"
	"github.com/rulec/rulec/runtime/refeval"
)

// batch is how many queued events the worker decides per lock.
const batch = 256

// counts are the runner's own counters.
type counts struct {
	queueMax     atomic.Int64
	decodeErrors atomic.Uint64
	readErrors   atomic.Uint64
	stale        uint64 // events of a generation no engine decides any more
	reloads      uint64
	logDrops     atomic.Uint64 // classifier log records the caller did not take in time
}

// queued is a classifier event, or a barrier (synced) that the worker
// closes once everything queued before it is decided.
type queued struct {
	ev     kernel.Event
	synced chan struct{}
}

// read moves ring buffer records to the queue until the reader is
// flushed at Close (everything read) or closed. A flush for a barrier
// queues it. A full queue blocks the reader: the ring buffer then fills
// and the classifier counts what it cannot write.
func (r *Runner) read() {
	defer r.readerW.Done()
	defer close(r.queue)
	defer func() { // barriers no worker will reach
		for {
			select {
			case done := <-r.syncs:
				close(done)
			default:
				return
			}
		}
	}()
	var rec ringbuf.Record
	for {
		err := r.reader.ReadInto(&rec)
		switch {
		case errors.Is(err, ringbuf.ErrFlushed):
			select {
			case <-r.done:
				return
			case done := <-r.syncs:
				r.queue <- queued{synced: done}
				continue
			default:
				continue
			}
		case errors.Is(err, ringbuf.ErrClosed):
			return
		case err != nil:
			r.counts.readErrors.Add(1)
			continue
		}
		ev, err := kernel.DecodeEvent(rec.RawSample)
		if err != nil {
			r.counts.decodeErrors.Add(1)
			continue
		}
		r.queue <- queued{ev: ev}
		if d := int64(len(r.queue)); d > r.counts.queueMax.Load() {
			r.counts.queueMax.Store(d)
		}
	}
}

// sync returns once every event the classifier wrote before the call has
// been decided: the reader reads the ring up to this point, then queues a
// barrier behind those events.
func (r *Runner) sync() error {
	done := make(chan struct{})
	r.syncs <- done
	if err := r.reader.Flush(); err != nil {
		return err
	}
	<-done
	return nil
}

// work decides queued events.
func (r *Runner) work() {
	defer r.workerW.Done()
	for {
		q, ok := <-r.queue
		if !ok {
			return
		}
		r.mu.Lock()
		r.decide(q)
		open := r.drain()
		r.mu.Unlock()
		if len(r.queue) == 0 {
			r.flush()
		}
		if !open {
			return
		}
	}
}

// flush writes buffered EVE events out once the queue is empty.
func (r *Runner) flush() {
	if r.eve == nil {
		return
	}
	if err := r.eve.Flush(); err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
}

// drain decides up to batch more queued events without blocking; it
// reports whether the queue is still open.
func (r *Runner) drain() bool {
	for range batch {
		select {
		case q, ok := <-r.queue:
			if !ok {
				return false
			}
			r.decide(q)
		default:
			return true
		}
	}
	return true
}

// decide hands one classifier event to the engine of its generation, or
// releases a barrier.
func (r *Runner) decide(q queued) {
	if q.synced != nil {
		close(q.synced)
		return
	}
	ev := q.ev
	e := r.engines[ev.Gen]
	if e == nil {
		r.counts.stale++
		return
	}
	o := engine.Outcome{
		TS:     r.wall(ev.Mono),
		Tuple:  refeval.Tuple{Src: ev.Src.Addr(), Dst: ev.Dst.Addr(), Proto: ev.Proto, Sport: ev.Src.Port(), Dport: ev.Dst.Port()},
		FlowID: ev.FlowID,
		Frame:  ev.Data,
		Result: pipeline.Convert(kernel.Result{Verdict: ev.Verdict, Events: []kernel.Event{ev}}),
	}
	if err := e.Decide(o); err != nil && r.err == nil {
		r.err = err
	}
}
