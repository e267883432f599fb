package main

import (
	"crypto/ed25519"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/rulec/rulec/runtime/live"
	"github.com/rulec/rulec/runtime/rollout"
)

// objectWatch follows --object in a live run. Its methods do nothing on a
// nil watch (a run without --object).
type objectWatch struct {
	w      *rollout.Watcher
	state  *rollout.State
	ticker *time.Ticker
}

func newObjectWatch(path string, verify ed25519.PublicKey, every time.Duration, state *rollout.State) (*objectWatch, error) {
	if every <= 0 {
		return nil, fmt.Errorf("--object-poll %v: want a positive interval", every)
	}
	w, _, err := rollout.NewWatcher(path, verify)
	if err != nil {
		return nil, err
	}
	w.Seen(state.Digest())
	return &objectWatch{w: w, state: state, ticker: time.NewTicker(every)}, nil
}

func (o *objectWatch) tick() <-chan time.Time {
	if o == nil {
		return nil
	}
	return o.ticker.C
}

func (o *objectWatch) stop() {
	if o != nil {
		o.ticker.Stop()
	}
}

// seen tells the watch that the content with digest runs (a reload by
// signal or control socket), so it is not loaded again.
func (o *objectWatch) seen(digest string) {
	if o != nil {
		o.w.Seen(digest)
	}
}

// follow loads a changed object; a refused one is logged and counted and
// the running rules stay.
func (o *objectWatch) follow(r *live.Runner, stderr io.Writer) {
	digest, obj, changed, err := o.w.Poll()
	if !changed {
		return
	}
	var gen uint16
	if err == nil {
		gen, err = r.Reload(obj)
	}
	if err != nil {
		o.state.Failed(err)
		fmt.Fprintf(stderr, "rollout: object %s refused, the running rules stay: %v\n", digest[:12], err)
		return
	}
	o.state.Loaded(digest, uint64(gen), len(obj.Rules), time.Now())
	fmt.Fprintf(stderr, "rollout: object %s loaded: generation %d, %d rules\n", digest[:12], gen, len(obj.Rules))
}

// withRolloutMetrics serves h's metrics followed by the rollout's.
func withRolloutMetrics(h http.Handler, s *rollout.State) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		h.ServeHTTP(w, req)
		s.WriteMetrics(w)
	})
}
