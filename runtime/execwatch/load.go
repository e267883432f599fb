package execwatch

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"

	bpfexec "github.com/rulec/rulec/bpf/execwatch"
	"github.com/rulec/rulec/runtime/bpflog"
)

// load loads the program with the options' log level and sizes, fills
// the runtime names and opens the readers of its two rings.
func (w *Watcher) load() error {
	spec, err := bpfexec.LoadExecwatch()
	if err != nil {
		return err
	}
	if err := bpflog.SetLevel(spec, bpflog.LevelVar, w.opts.LogLevel); err != nil {
		return err
	}
	spec.Maps[bpfexec.ExecwatchMapEwEvents].MaxEntries = uint32(w.opts.RingSize)
	spec.Maps[bpfexec.ExecwatchMapEwRuntimes].MaxEntries = uint32(len(w.runtimes))
	if err := spec.LoadAndAssign(&w.objs, nil); err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return fmt.Errorf("load exec watcher: %w\nverifier log:\n%+v", err, ve)
		}
		return fmt.Errorf("load exec watcher: %w", err)
	}
	for name := range w.runtimes {
		var key bpfexec.ExecwatchRuntimeName
		for i := range len(name) {
			key.Name[i] = int8(name[i])
		}
		if err := w.objs.EwRuntimes.Put(key, uint8(1)); err != nil {
			w.objs.Close()
			return fmt.Errorf("runtime name %q: %w", name, err)
		}
	}
	if w.events, err = ringbuf.NewReader(w.objs.EwEvents); err != nil {
		w.objs.Close()
		return fmt.Errorf("exec event reader: %w", err)
	}
	w.logs, err = bpflog.NewReader(w.objs.RcLog, w.objs.RcLogDrops, bpflog.ReaderOptions{MinLevel: w.opts.LogLevel})
	if err != nil {
		w.events.Close()
		w.objs.Close()
		return err
	}
	return nil
}

// attach hooks the program to sched_process_exec as Options.Attach says.
func (w *Watcher) attach() error {
	var tpErr error
	if w.opts.Attach != AttachRawTracepoint {
		l, err := link.Tracepoint("sched", "sched_process_exec", w.objs.EwTracepoint, nil)
		if err == nil {
			w.link, w.attached = l, AttachTracepoint
			return nil
		}
		tpErr = fmt.Errorf("attach tracepoint sched/sched_process_exec: %w", err)
		if w.opts.Attach == AttachTracepoint {
			return tpErr
		}
	}
	l, err := link.AttachRawTracepoint(link.RawTracepointOptions{Name: "sched_process_exec", Program: w.objs.EwRawTracepoint})
	if err != nil {
		return errors.Join(tpErr, fmt.Errorf("attach raw tracepoint sched_process_exec: %w", err))
	}
	w.link, w.attached = l, AttachRawTracepoint
	return nil
}

// release frees what load acquired, when attaching fails.
func (w *Watcher) release() {
	w.events.Close()
	w.logs.Close()
	w.objs.Close()
}
