package execwatch

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"

	bpfexec "github.com/rulec/rulec/bpf/execwatch"
	"github.com/rulec/rulec/runtime/bpflog"
)

// Watcher reports container runtime executions until it is closed.
type Watcher struct {
	opts     Options
	runtimes map[string]bool
	objs     bpfexec.ExecwatchObjects
	link     link.Link
	attached Attach
	events   *ringbuf.Reader
	logs     *bpflog.Reader

	eventCh chan Event
	logCh   chan bpflog.Record
	done    chan struct{}
	wg      sync.WaitGroup

	closeOnce sync.Once
	closeErr  error

	confirmed, rejected, unconfirmed atomic.Uint64
}

// Start loads the exec watcher, fills its runtime names, attaches it and
// starts reading its events and log records.
func Start(opts Options) (*Watcher, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("exec watcher: %w", err)
	}
	w := &Watcher{
		opts:     o,
		runtimes: setOf(o.Runtimes...),
		eventCh:  make(chan Event, 64),
		logCh:    make(chan bpflog.Record, 256),
		done:     make(chan struct{}),
	}
	if err := w.load(); err != nil {
		return nil, err
	}
	if err := w.attach(); err != nil {
		w.release()
		return nil, err
	}
	w.wg.Add(2)
	go w.readEvents()
	go w.readLogs()
	return w, nil
}

// Attached says which hook the program runs on.
func (w *Watcher) Attached() Attach { return w.attached }

// Events delivers confirmed runtime executions; it is closed by Close.
func (w *Watcher) Events() <-chan Event { return w.eventCh }

// Logs delivers the BPF program's log records at or above
// Options.LogLevel and the watcher's own (rule bpflog.NoRule): why an
// execution was not reported, unreadable bundle configs, reader errors.
// It is closed by Close.
func (w *Watcher) Logs() <-chan bpflog.Record { return w.logCh }

func (w *Watcher) readEvents() {
	defer w.wg.Done()
	for {
		rec, err := w.events.Read()
		if err != nil {
			if !errors.Is(err, os.ErrClosed) {
				w.note(bpflog.LevelError, "exec event reader stopped", err.Error())
			}
			return
		}
		k, err := decodeKernelEvent(rec.RawSample)
		if err != nil {
			w.note(bpflog.LevelError, "bad exec event", err.Error())
			continue
		}
		if ev, ok := w.check(k); ok {
			select {
			case w.eventCh <- ev:
			case <-w.done:
				return
			}
		}
	}
}

// check applies the confirmation rule to a kernel event, noting why an
// event is not reported.
func (w *Watcher) check(k kernelEvent) (Event, bool) {
	p, err := confirm(w.opts.ProcRoot, k.Pid, w.runtimes)
	switch {
	case errors.Is(err, errNotRuntime):
		w.rejected.Add(1)
		w.note(bpflog.LevelInfo, "exec rejected", uint64(k.Pid), err.Error())
		return Event{}, false
	case err != nil:
		w.unconfirmed.Add(1)
		w.note(bpflog.LevelDebug, "exec unconfirmed", uint64(k.Pid), err.Error())
		return Event{}, false
	}
	c, err := containerOf(w.opts.ProcRoot, k.Pid, p)
	if err != nil {
		w.note(bpflog.LevelWarn, "container config", uint64(k.Pid), err.Error())
	}
	w.confirmed.Add(1)
	return newEvent(k, p, c), true
}

func (w *Watcher) readLogs() {
	defer w.wg.Done()
	for {
		r, err := w.logs.Read()
		switch {
		case errors.Is(err, os.ErrClosed):
			return
		case err != nil:
			r = bpflog.Record{Time: time.Now(), Level: bpflog.LevelError, Rule: bpflog.NoRule, Msg: "bad log record", Args: []any{err.Error()}}
		}
		if !w.sendLog(r) {
			return
		}
	}
}

// note sends a record of the watcher's own.
func (w *Watcher) note(l bpflog.Level, msg string, args ...any) {
	if l >= w.opts.LogLevel {
		w.sendLog(bpflog.Record{Time: time.Now(), Level: l, Rule: bpflog.NoRule, Msg: msg, Args: args})
	}
}

func (w *Watcher) sendLog(r bpflog.Record) bool {
	select {
	case w.logCh <- r:
		return true
	case <-w.done:
		return false
	}
}

// Close detaches the program, stops the readers, closes Events and Logs
// and releases the program and its maps. Events not yet read are lost.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		linkErr := w.link.Close()
		err := errors.Join(w.events.Close(), w.logs.Close())
		w.wg.Wait()
		close(w.eventCh)
		close(w.logCh)
		w.closeErr = errors.Join(linkErr, err, w.objs.Close())
	})
	return w.closeErr
}
