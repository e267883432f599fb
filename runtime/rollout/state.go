package rollout

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// State is what a node runs and how its rollouts went.
type State struct {
	mu         sync.Mutex
	digest     string
	generation uint64
	rules      int
	loadedAt   time.Time
	loads      uint64
	failures   uint64
	lastError  string
}

// Loaded records that the object with digest runs as generation.
func (s *State) Loaded(digest string, generation uint64, rules int, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.digest, s.generation, s.rules, s.loadedAt = digest, generation, rules, at
	s.loads++
}

// Failed records a refused object; the running one stays.
func (s *State) Failed(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures++
	s.lastError = err.Error()
}

// Digest returns the digest of the running object.
func (s *State) Digest() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.digest
}

// WriteMetrics writes the rollout metrics in Prometheus text format.
func (s *State) WriteMetrics(w io.Writer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(w, "# HELP rulec_ruleset_info The rule object this node runs.\n# TYPE rulec_ruleset_info gauge\n")
	fmt.Fprintf(w, "rulec_ruleset_info{sha256=%q,generation=\"%d\",rules=\"%d\"} 1\n", s.digest, s.generation, s.rules)
	fmt.Fprintf(w, "# HELP rulec_ruleset_loaded_timestamp_seconds When the running rule object was loaded.\n# TYPE rulec_ruleset_loaded_timestamp_seconds gauge\n")
	fmt.Fprintf(w, "rulec_ruleset_loaded_timestamp_seconds %d\n", s.loadedAt.Unix())
	fmt.Fprintf(w, "# HELP rulec_ruleset_loads_total Rule objects loaded, the first included.\n# TYPE rulec_ruleset_loads_total counter\n")
	fmt.Fprintf(w, "rulec_ruleset_loads_total %d\n", s.loads)
	fmt.Fprintf(w, "# HELP rulec_ruleset_refused_total Published rule objects refused (bad, unsigned, or failing to load); the running one stayed.\n# TYPE rulec_ruleset_refused_total counter\n")
	fmt.Fprintf(w, "rulec_ruleset_refused_total %d\n", s.failures)
}
