package live

import (
	"errors"
	"sync/atomic"

	"github.com/cilium/ebpf/ringbuf"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/pipeline"
	"github.com/rulec/rulec/runtime/refeval"
)

// batch is how many queued events a worker decides per lock.
const batch = 256

// counts are the runner's own counters.
type counts struct {
	queueMax     atomic.Int64
	decodeErrors atomic.Uint64
	readErrors   atomic.Uint64
	stale        atomic.Uint64 // events of a generation no engine decides any more
	reloads      uint64
	logDrops     atomic.Uint64 // classifier log records the caller did not take in time
}

// queued is a classifier event, or a barrier (synced) that the workers
// pass once everything queued before it is decided.
type queued struct {
	ev     kernel.Event
	synced *barrier
}

// read moves ring buffer records to the queue of the worker owning their
// flow until the reader is flushed at Close (everything read) or closed.
// A flush for a barrier queues it to every worker. A full queue blocks
// the reader: the ring buffer then fills and the classifier counts what
// it cannot write.
func (r *Runner) read() {
	defer r.readerW.Done()
	defer func() {
		for _, w := range r.workers {
			close(w.queue)
		}
	}()
	defer func() { // barriers no worker will reach
		for {
			select {
			case b := <-r.syncs:
				close(b.done)
			default:
				return
			}
		}
	}()
	var rec ringbuf.Record
	var dec decode.Packet
	for {
		err := r.reader.ReadInto(&rec)
		switch {
		case errors.Is(err, ringbuf.ErrFlushed):
			select {
			case <-r.done:
				return
			case b := <-r.syncs:
				for _, w := range r.workers {
					w.queue <- queued{synced: b}
				}
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
		r.workers[owner(&ev, &dec, &r.cfg.Flow.Decoder, len(r.workers))].queue <- queued{ev: ev}
		if d := int64(r.queueDepth()); d > r.counts.queueMax.Load() {
			r.counts.queueMax.Store(d)
		}
	}
}

// queueDepth is the events waiting for the workers.
func (r *Runner) queueDepth() int {
	n := 0
	for _, w := range r.workers {
		n += len(w.queue)
	}
	return n
}

// sync returns once every event the classifier wrote before the call has
// been decided: the reader reads the ring up to this point, then queues a
// barrier behind those events for every worker.
func (r *Runner) sync() error {
	b := &barrier{done: make(chan struct{})}
	b.left.Store(int32(len(r.workers)))
	r.syncs <- b
	if err := r.reader.Flush(); err != nil {
		return err
	}
	<-b.done
	return nil
}

// work decides the events queued to w.
func (r *Runner) work(w *worker) {
	defer r.workerW.Done()
	for {
		q, ok := <-w.queue
		if !ok {
			return
		}
		w.mu.Lock()
		r.decide(w, q)
		open := r.drain(w)
		w.mu.Unlock()
		if len(w.queue) == 0 {
			r.flush()
		}
		if !open {
			return
		}
	}
}

// flush writes buffered EVE events out once a queue is empty.
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

// drain decides up to batch more events queued to w without blocking; it
// reports whether the queue is still open.
func (r *Runner) drain(w *worker) bool {
	for range batch {
		select {
		case q, ok := <-w.queue:
			if !ok {
				return false
			}
			r.decide(w, q)
		default:
			return true
		}
	}
	return true
}

// decide hands one classifier event to w's engine of its generation, or
// passes a barrier.
func (r *Runner) decide(w *worker, q queued) {
	if q.synced != nil {
		q.synced.reached()
		return
	}
	ev := q.ev
	e := w.engines[ev.Gen]
	if e == nil {
		r.counts.stale.Add(1)
		return
	}
	o := engine.Outcome{
		TS:     r.wall(ev.Mono),
		Tuple:  refeval.Tuple{Src: ev.Src.Addr(), Dst: ev.Dst.Addr(), Proto: ev.Proto, Sport: ev.Src.Port(), Dport: ev.Dst.Port()},
		FlowID: ev.FlowID,
		Frame:  ev.Data,
		Result: pipeline.Convert(kernel.Result{Verdict: ev.Verdict, Events: []kernel.Event{ev}}),
	}
	err := e.Decide(o)
	w.release()
	if err != nil && w.err == nil {
		w.err = err
	}
}
