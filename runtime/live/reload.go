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
// classified by exactly one of the two. The new engine adopts the flow
// table; events still queued from the old classifier are decided by the
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
	eng, err := r.newEngine(o)
	if err != nil {
		return 0, errors.Join(err, cls.Close())
	}
	if err := r.sync(); err != nil {
		return 0, errors.Join(fmt.Errorf("wait for queued events: %w", err), eng.Close(), cls.Close())
	}
	r.mu.Lock()
	if err := r.att.Update(cls.Program()); err != nil {
		r.mu.Unlock()
		return 0, errors.Join(err, eng.Close(), cls.Close())
	}
	eng.Adopt(r.engines[r.gen])
	if prev := r.engines[r.gen-1]; prev != nil {
		r.retire(r.gen-1, prev)
	}
	r.engines[gen] = eng
	r.cls, r.gen = cls, gen
	r.blocker.SetLists(cls)
	r.counts.reloads++
	r.mu.Unlock()
	return gen, old.Close()
}

// retire closes the engine of an old generation and keeps its counts.
func (r *Runner) retire(gen uint16, e *engine.Engine) {
	if err := e.Close(); err != nil && r.err == nil {
		r.err = err
	}
	r.retired.Add(e.Stats())
	delete(r.engines, gen)
}
