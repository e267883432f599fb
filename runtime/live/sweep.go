package live

import "time"

// sweep removes expired dynamic blocks every Config.Sweep until done.
func (r *Runner) sweep() {
	defer r.sweepW.Done()
	t := time.NewTicker(r.cfg.Sweep)
	defer t.Stop()
	for {
		select {
		case <-r.done:
			return
		case now := <-t.C:
			r.blockMu.Lock()
			r.blocker.Sweep(now)
			r.blockMu.Unlock()
			r.flush()
		}
	}
}
