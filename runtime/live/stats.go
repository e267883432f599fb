package live

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/rulec/rulec/runtime/attach"
	"github.com/rulec/rulec/runtime/block"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/kernel"
)

// Snapshot is the state of a live run at one moment.
type Snapshot struct {
	Time         time.Time
	Started      time.Time // when the run attached
	Iface        string
	Attach       attach.Mode
	Generation   uint16
	Reloads      uint64
	Kernel       kernel.Counters // packets, bytes, verdicts, ring-buffer losses (RingbufFull)
	Engine       engine.Stats    // alerts by severity, tier and sid
	Blocks       block.Stats
	Workers      int // userspace workers, each with its own queue
	QueueDepth   int // events waiting for the workers
	QueueMax     int // the most ever waiting
	QueueCap     int // of all the workers' queues
	RingPending  int // bytes written by the classifier and not yet read
	RingSize     int
	StaleEvents  uint64
	DecodeErrors uint64
	ReadErrors   uint64
	LogDrops     uint64 // classifier log records not taken in time
}

// Snapshot reads the counters of the run.
func (r *Runner) Snapshot() (Snapshot, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.snapshot()
}

// Final is the snapshot Close took once every event was decided: the
// run's totals.
func (r *Runner) Final() (Snapshot, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.final == nil {
		return Snapshot{}, ErrClosed
	}
	return *r.final, nil
}

// snapshot reads the counters; r.mu is held. The attachment and the
// reader are gone in Close's final snapshot.
func (r *Runner) snapshot() (Snapshot, error) {
	if r.cls == nil {
		return Snapshot{}, ErrClosed
	}
	k, err := r.cls.Counters()
	if err != nil {
		return Snapshot{}, err
	}
	r.blockMu.Lock()
	blocks := r.blocker.Stats()
	r.blockMu.Unlock()
	s := Snapshot{Time: time.Now(), Started: r.started, Iface: r.cfg.Iface, Attach: r.attached, Generation: r.gen,
		Reloads: r.counts.reloads, Kernel: k, Blocks: blocks, Workers: len(r.workers),
		QueueDepth: r.queueDepth(), QueueMax: int(r.counts.queueMax.Load()), QueueCap: len(r.workers) * r.cfg.Queue,
		RingSize:    r.ringSize,
		StaleEvents: r.counts.stale.Load(), DecodeErrors: r.counts.decodeErrors.Load(), ReadErrors: r.counts.readErrors.Load(),
		LogDrops: r.counts.logDrops.Load()}
	if r.reader != nil {
		s.RingPending = r.reader.AvailableBytes()
	}
	s.Engine.Add(&r.retired)
	for _, w := range r.workers {
		w.mu.Lock()
		for _, e := range w.engines {
			s.Engine.Add(e.Stats())
		}
		w.mu.Unlock()
	}
	return s, nil
}

// Err returns the first error writing events, if any.
func (r *Runner) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	for _, w := range r.workers {
		w.mu.Lock()
		err := w.err
		w.mu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}

// WriteLine prints one line of counters and their rates since prev
// (which may be nil).
func (s *Snapshot) WriteLine(w io.Writer, prev *Snapshot) {
	pps := 0.0
	if prev != nil {
		if dt := s.Time.Sub(prev.Time).Seconds(); dt > 0 {
			pps = float64(s.Kernel.Packets-prev.Kernel.Packets) / dt
		}
	}
	k := &s.Kernel
	fmt.Fprintf(w, "%s gen %d: packets %d (%.0f/s) bytes %d drop %d reject %d alert %d pass %d allowed %d blocked %d copies %d"+
		" | alerts %d (critical %d high %d medium %d low %d) | dynamic blocks %d | ring lost %d pending %dB | queue %d (max %d/%d)\n",
		s.Time.Format(time.TimeOnly), s.Generation, k.Packets, pps, k.Bytes, k.Drop, k.Reject, k.Alert, k.Pass, k.Allowed, k.Blocked, k.Copies,
		s.Engine.Alerts, s.Engine.BySeverity["critical"], s.Engine.BySeverity["high"], s.Engine.BySeverity["medium"], s.Engine.BySeverity["low"],
		s.Blocks.Active, k.RingbufFull, s.RingPending, s.QueueDepth, s.QueueMax, s.QueueCap)
}

// WriteSummary prints the totals of the run and every loss, once, at its
// end.
func (s *Snapshot) WriteSummary(w io.Writer) {
	k := &s.Kernel
	limits := "none"
	if len(s.Engine.Limits) > 0 {
		var parts []string
		for _, name := range slices.Sorted(maps.Keys(s.Engine.Limits)) {
			parts = append(parts, fmt.Sprintf("%s %d", name, s.Engine.Limits[name]))
		}
		limits = strings.Join(parts, ", ")
	}
	fmt.Fprintf(w, "summary: %s on %s, generation %d after %d reloads: packets %d bytes %d, alerts %d (kernel %d, userspace %d),"+
		" drop %d reject %d blocked %d, copied to userspace %d, dynamic blocks %d"+
		" | lost: ring buffer %d records, read errors %d, decode errors %d, stale events %d, log records %d | limits: %s\n",
		s.Time.Sub(s.Started).Round(time.Second), s.Iface, s.Generation, s.Reloads, k.Packets, k.Bytes,
		s.Engine.Alerts, s.Engine.AlertsByTier["kernel"], s.Engine.AlertsByTier["userspace"],
		k.Drop, k.Reject, k.Blocked, k.Copies, s.Blocks.Blocks,
		k.RingbufFull, s.ReadErrors, s.DecodeErrors, s.StaleEvents, s.LogDrops, limits)
}
