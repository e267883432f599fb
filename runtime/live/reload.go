package live

import (
	"errors"
	"fmt"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/pipeline"
)

// Reload swaps in o and returns its generation. The new classifier is
// loaded with every table filled, sharing the lists (static and dynamic
// blocks, allow list), counters and ring buffer of the running one, then
// replaces it on the interface in one atomic update: each packet is
// classified by exactly one of the two. Each worker's new engine adopts
// its flow table; events still queued from the old classifier are decided by the
// old engine, and the engine before it is retired only once every event
// read so far has been decided (its classifier was replaced by the
// previous reload, so none of its events can come later).
func (r *Runner) Reload(o *object.Object) (uint16, error) {
	r.reloadMu.Lock()
	defer r.reloadMu.Unlock()
	if err := pipeline.CheckObject(o); err != nil {
		return 0, err
	}
	r.mu.Lock()
	old, gen := r.cls, r.gen+1
	r.mu.Unlock()
	if old == nil {
		return 0, ErrClosed
	}
	cls, err := kernel.Load(o.Kernel, r.kernelOptions(gen, old))
	if err != nil {
		return 0, fmt.Errorf("load the new classifier: %w", err)
	}
	engines, err := r.newEngines(o)
	if err != nil {
		return 0, errors.Join(err, cls.Close())
	}
	closeAll := func() error {
		var errs []error
		for _, e := range engines {
			errs = append(errs, e.Close())
		}
		return errors.Join(errs...)
	}
	if err := r.sync(); err != nil {
		return 0, errors.Join(fmt.Errorf("wait for queued events: %w", err), closeAll(), cls.Close())
	}
	r.mu.Lock()
	r.lockWorkers()
	if err := r.att.Update(cls.Program()); err != nil {
		r.unlockWorkers()
		r.mu.Unlock()
		return 0, errors.Join(err, closeAll(), cls.Close())
	}
	for i, w := range r.workers {
		engines[i].Adopt(w.engines[r.gen])
		if prev := w.engines[r.gen-1]; prev != nil {
			r.retire(w, r.gen-1, prev)
		}
		w.engines[gen] = engines[i]
	}
	r.cls, r.gen = cls, gen
	r.blockMu.Lock()
	r.blocker.SetLists(cls)
	r.blockMu.Unlock()
	r.counts.reloads++
	r.unlockWorkers()
	r.mu.Unlock()
	return gen, old.Close()
}

// retire closes w's engine of an old generation and keeps its counts; r.mu
// and w.mu are held.
func (r *Runner) retire(w *worker, gen uint16, e *engine.Engine) {
	if err := e.Close(); err != nil && r.err == nil {
		r.err = err
	}
	r.retired.Add(e.Stats())
	delete(w.engines, gen)
}
