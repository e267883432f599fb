package live

import (
	"fmt"
	"time"
)

// LossWarner turns ring-buffer losses into warnings, at most one per
// Every, each with the records lost since the previous one.
type LossWarner struct {
	Every    time.Duration
	reported uint64
	at       time.Time
}

// Check returns a warning when s shows losses not yet reported and the
// last warning is at least Every old.
func (w *LossWarner) Check(s *Snapshot) (string, bool) {
	lost := s.Kernel.RingbufFull
	if lost <= w.reported || (!w.at.IsZero() && s.Time.Sub(w.at) < w.Every) {
		return "", false
	}
	since := "since start"
	if !w.at.IsZero() {
		since = "in the last " + s.Time.Sub(w.at).Round(time.Second).String()
	}
	msg := fmt.Sprintf("warning: ring buffer full: %d classifier records lost %s (%d in all): their alerts or packets were not inspected; "+
		"raise --ring-size (now %d bytes) or lower the traffic", lost-w.reported, since, lost, s.RingSize)
	w.reported, w.at = lost, s.Time
	return msg, true
}
