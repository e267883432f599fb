package kernel

import (
	"errors"
	"fmt"
	"sync"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"

	"github.com/rulec/rulec/bpf"
	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/bpflog"
)

// Classifier is the loaded classifier of one rule set. Its methods are
// safe for concurrent use.
type Classifier struct {
	mu     sync.Mutex // serialises runs with the draining of their events
	objs   bpf.RulecObjects
	events *ringbuf.Reader
	// midstream: the program's cfg.midstream, for Track
	midstream bool
}

// Load validates t, loads the classifier with maps sized for it and fills
// them. A verifier rejection is reported with the whole verifier log.
func Load(t *kernelgen.Tables, opts Options) (*Classifier, error) {
	o := opts.withDefaults()
	if err := validate(t, o); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTables, err)
	}
	spec, err := bpf.LoadRulec()
	if err != nil {
		return nil, err
	}
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		return nil, fmt.Errorf("possible CPUs: %w", err)
	}
	n := t.Narrowing()
	if err := size(spec, t, n, o, ncpu); err != nil {
		return nil, err
	}
	if err := bpflog.SetLevel(spec, bpflog.LevelVar, o.LogLevel); err != nil {
		return nil, err
	}
	c := &Classifier{midstream: o.Midstream}
	repl := shared(o.Share)
	if o.PinDir != "" && o.Share == nil {
		if repl, err = pinnedMaps(o.PinDir); err != nil {
			return nil, err
		}
		defer func() {
			for _, m := range repl {
				m.Close()
			}
		}()
	}
	if err := spec.LoadAndAssign(&c.objs, &ebpf.CollectionOptions{MapReplacements: repl}); err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("load classifier: %w\nverifier log:\n%+v", err, ve)
		}
		if o.PinDir != "" {
			return nil, fmt.Errorf("load classifier with the state pinned in %s (remove it to start afresh): %w", o.PinDir, err)
		}
		return nil, fmt.Errorf("load classifier: %w", err)
	}
	if err := fill(&c.objs.RulecMaps, t, n); err != nil {
		c.objs.Close()
		return nil, fmt.Errorf("%w: fill maps: %w", ErrTables, err)
	}
	if o.PinDir != "" {
		if err := c.pin(o.PinDir); err != nil {
			c.objs.Close()
			return nil, err
		}
	}
	c.events, err = ringbuf.NewReader(c.objs.RcEvents)
	if err != nil {
		c.objs.Close()
		return nil, fmt.Errorf("event reader: %w", err)
	}
	return c, nil
}

// shared are the maps a classifier loaded with Options.Share takes over.
func shared(c *Classifier) map[string]*ebpf.Map {
	if c == nil {
		return nil
	}
	m := &c.objs.RulecMaps
	return map[string]*ebpf.Map{
		bpf.RulecMapRcAllowV4:   m.RcAllowV4,
		bpf.RulecMapRcAllowV6:   m.RcAllowV6,
		bpf.RulecMapRcBlockV4:   m.RcBlockV4,
		bpf.RulecMapRcBlockV6:   m.RcBlockV6,
		bpf.RulecMapRcBlockPort: m.RcBlockPort,
		bpf.RulecMapRcFlowDrop:  m.RcFlowDrop,
		bpf.RulecMapRcFlows:     m.RcFlows,
		bpf.RulecMapRcCounters:  m.RcCounters,
		bpf.RulecMapRcEvents:    m.RcEvents,
		bpf.RulecMapRcLog:       m.RcLog,
		bpf.RulecMapRcLogDrops:  m.RcLogDrops,
	}
}

// Events is the event ring buffer, for a reader of a live run.
func (c *Classifier) Events() *ebpf.Map {
	return c.objs.RcEvents
}

// Program is the classifier program, for attaching it to an interface.
func (c *Classifier) Program() *ebpf.Program {
	return c.objs.Classify
}

// VerifiedInstructions is how many instructions the verifier processed
// when it loaded the program.
func (c *Classifier) VerifiedInstructions() (uint32, error) {
	info, err := c.objs.Classify.Info()
	if err != nil {
		return 0, fmt.Errorf("program info: %w", err)
	}
	n, ok := info.VerifiedInstructions()
	if !ok {
		return 0, errors.New("program info: the kernel does not report verified instructions")
	}
	return n, nil
}

// Close releases the program, its maps and the event reader.
func (c *Classifier) Close() error {
	return errors.Join(c.events.Close(), c.objs.Close())
}

// LogReader returns a reader of the classifier's log records (bpf/log.h)
// at or above min.
func (c *Classifier) LogReader(min bpflog.Level) (*bpflog.Reader, error) {
	return bpflog.NewReader(c.objs.RcLog, c.objs.RcLogDrops, bpflog.ReaderOptions{MinLevel: min})
}
