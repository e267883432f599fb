package live

import "github.com/rulec/rulec/runtime/bpflog"

// logQueue is how many classifier log records wait for the caller; past
// it records are counted as dropped, never blocking the reader.
const logQueue = 1024

// startLogs reads the classifier's log records (bpf/log.h) into Logs.
func (r *Runner) startLogs() error {
	rd, err := r.cls.LogReader(r.cfg.LogLevel)
	if err != nil {
		return err
	}
	r.logs, r.logCh = rd, make(chan bpflog.Record, logQueue)
	go func() {
		defer close(r.logCh)
		for {
			rec, err := rd.Read()
			if err != nil {
				return
			}
			select {
			case r.logCh <- rec:
			default:
				r.counts.logDrops.Add(1)
			}
		}
	}()
	return nil
}

// Logs delivers the classifier's log records at or above the configured
// level; it is closed when the runner closes.
func (r *Runner) Logs() <-chan bpflog.Record { return r.logCh }

// LogLevel is the lowest level of log records the run shows.
func (r *Runner) LogLevel() bpflog.Level { return r.cfg.LogLevel }
