package live

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/runtime/attach"
	"github.com/rulec/rulec/runtime/block"
	"github.com/rulec/rulec/runtime/bpflog"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/pipeline"
)

// Errors of a live run.
var (
	ErrPermission  = errors.New("not permitted to load and attach BPF programs (run as root, or with CAP_BPF and CAP_NET_ADMIN)")
	ErrNoInterface = attach.ErrNoInterface
	ErrClosed      = errors.New("live run closed")
	ErrRingFrames  = errors.New("live frames come from the classifier's ring buffer")
)

// Threshold is block.Threshold, for configuring a run.
type Threshold = block.Threshold

// PortBlock drops every TCP (Proto 6) or UDP (17) packet to Port.
type PortBlock struct {
	Proto uint8
	Port  uint16
}

// Config configures a live run.
type Config struct {
	Iface      string
	Direction  attach.Direction // 0: DefaultDirection (both)
	Attach     attach.Mode      // "": auto
	Flow       flow.Config
	EVE        io.Writer // nil: no EVE output
	Severity   eve.Severity
	Thresholds map[string]block.Threshold // by severity name
	Allow      []netip.Prefix             // always pass, both directions
	Block      []netip.Prefix             // static blocks
	PortBlocks []PortBlock                // static port blocks; Allow makes exceptions
	Queue      int                        // each worker's event queue; 0: 65,536
	// Workers decide the classifier's events, each the events of the
	// flows hashed to it by their symmetric 5-tuple (as offline); under
	// 1: 1.
	Workers     int
	RingSize    int           // event ring buffer bytes, a power of two; 0: 4 MiB
	Sweep       time.Duration // expired-block sweep period; 0: 250ms
	LogLevel    bpflog.Level  // classifier log records shown; 0: info
	WAFBlocking bool          // SecLang rules in On mode, not DetectionOnly
	// Pin keeps the run's state pinned in PinDir (default
	// /sys/fs/bpf/rulec/IFACE): lists with dynamic blocks and their
	// expiry, port blocks, counters and the TCX links. A run started with
	// the same PinDir adopts them and replaces the attached program in one
	// step; a pinned run that stops leaves its classifier attached.
	Pin    bool
	PinDir string
}

const (
	defaultQueue = 1 << 16
	defaultSweep = 250 * time.Millisecond
	staticRule   = 0 // the rule of static list entries' block events
)

// Runner is a classifier attached to an interface, its ring-buffer reader
// and the engine it feeds.
type Runner struct {
	cfg     Config
	eve     *eve.Writer
	att     *attach.Attachment
	reader  *ringbuf.Reader
	events  *ebpf.Map // the ring buffer, shared by every generation
	workers []*worker
	syncs   chan *barrier // barriers waiting for the reader
	offset  time.Duration // wall clock minus CLOCK_MONOTONIC
	started time.Time
	// attached and ringSize outlive the attachment and the reader, for
	// the final snapshot.
	attached attach.Mode
	ringSize int
	readerW  sync.WaitGroup
	workerW  sync.WaitGroup
	sweepW   sync.WaitGroup
	done     chan struct{} // stops the sweeper
	logs     *bpflog.Reader
	logCh    chan bpflog.Record

	// Locks are taken in this order: reloadMu, mu, the workers' (by
	// index), the workers' shared state, blockMu.
	reloadMu sync.Mutex // serialises reloads
	mu       sync.Mutex // guards what follows
	cls      *kernel.Classifier
	final    *Snapshot // taken by Close
	gen      uint16
	retired  engine.Stats // engines closed by reloads
	adopted  int          // dynamic blocks taken over from a pinned earlier run
	counts   counts
	err      error // first EVE write error
	blockMu  sync.Mutex
	blocker  *block.Blocker // guarded by blockMu
}

// Start loads o's classifier with the configured lists, attaches it to
// the interface and starts reading its events.
func Start(o *object.Object, cfg Config) (*Runner, error) {
	if cfg.Direction == 0 {
		cfg.Direction = DefaultDirection
	}
	if cfg.Attach == "" {
		cfg.Attach = attach.Auto
	}
	if cfg.Queue == 0 {
		cfg.Queue = defaultQueue
	}
	if cfg.Workers < 1 {
		cfg.Workers = 1
	}
	if cfg.Sweep == 0 {
		cfg.Sweep = defaultSweep
	}
	if cfg.LogLevel == 0 {
		cfg.LogLevel = bpflog.LevelInfo
	}
	if cfg.Pin && cfg.PinDir == "" {
		cfg.PinDir = DefaultPinDir(cfg.Iface)
	}
	if cfg.RingSize != 0 {
		if err := checkRingSize(cfg.RingSize); err != nil {
			return nil, err
		}
	}
	if _, err := net.InterfaceByName(cfg.Iface); err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrNoInterface, cfg.Iface, err)
	}
	if err := pipeline.CheckObject(o); err != nil {
		return nil, err
	}
	r := &Runner{cfg: cfg, workers: newWorkers(cfg.Workers, cfg.Queue), syncs: make(chan *barrier, 1), gen: 1,
		done: make(chan struct{})}
	if cfg.EVE != nil {
		r.eve = eve.NewWriter(cfg.EVE)
	}
	var err error
	if r.offset, err = clockOffset(); err != nil {
		return nil, err
	}
	r.cls, err = kernel.Load(o.Kernel, r.kernelOptions(r.gen, nil))
	if err != nil {
		return nil, privileged(fmt.Errorf("load the classifier: %w", err))
	}
	if err := r.start(o); err != nil {
		return nil, errors.Join(err, r.teardown())
	}
	return r, nil
}

func (r *Runner) start(o *object.Object) error {
	r.blocker = block.New(r.cfg.Thresholds, r.cfg.Allow, r.cls, r.eve, r.cfg.Iface)
	if r.cfg.Pin {
		if err := r.adopt(); err != nil {
			return err
		}
	}
	if err := r.staticLists(); err != nil {
		return err
	}
	engines, err := r.newEngines(o)
	if err != nil {
		return err
	}
	for i, w := range r.workers {
		w.engines[r.gen] = engines[i]
	}
	if r.events, err = r.cls.Events().Clone(); err != nil {
		return fmt.Errorf("ring buffer: %w", err)
	}
	if r.reader, err = ringbuf.NewReader(r.events); err != nil {
		return fmt.Errorf("ring buffer reader: %w", err)
	}
	r.ringSize = r.reader.BufferSize()
	r.readerW.Add(1)
	go r.read()
	for _, w := range r.workers {
		r.workerW.Add(1)
		go r.work(w)
	}
	r.sweepW.Add(1)
	go r.sweep()
	if err := r.startLogs(); err != nil {
		return err
	}
	if r.cfg.Pin {
		r.att, err = attach.AttachPinned(r.cfg.Iface, r.cfg.Direction, r.cls.Program(), r.cfg.Attach, r.cfg.PinDir)
	} else {
		r.att, err = attach.Attach(r.cfg.Iface, r.cfg.Direction, r.cls.Program(), r.cfg.Attach)
	}
	if err != nil {
		return privileged(err)
	}
	r.attached, r.started = r.att.Kind, time.Now()
	return nil
}

func (r *Runner) kernelOptions(gen uint16, share *kernel.Classifier) kernel.Options {
	return kernel.Options{RingSize: r.cfg.RingSize, Generation: gen, Share: share, LogLevel: r.cfg.LogLevel, PinDir: r.cfg.PinDir,
		Midstream: pipeline.PicksUp(r.cfg.Flow), Decoder: &r.cfg.Flow.Decoder}
}

func (r *Runner) newEngine(o *object.Object) (*engine.Engine, error) {
	return pipeline.NewEngine(o, r.cfg.Flow, engine.Options{EVE: r.eve, Severity: r.cfg.Severity,
		Iface: r.cfg.Iface, OnAlert: r.alert, WAFBlocking: r.cfg.WAFBlocking, Kernel: liveKernel{r}})
}

// alert hands an engine's alert to the blocker, which every worker
// shares.
func (r *Runner) alert(ev *eve.Event) {
	r.blockMu.Lock()
	defer r.blockMu.Unlock()
	r.blocker.Alert(ev)
}

func (r *Runner) staticLists() error {
	for _, p := range r.cfg.Allow {
		if err := r.cls.AddList(kernel.AllowList, p, kernel.ListEntry{Rule: staticRule}); err != nil {
			return err
		}
	}
	for _, p := range r.cfg.Block {
		if err := r.cls.AddList(kernel.BlockList, p, kernel.ListEntry{Rule: staticRule}); err != nil {
			return err
		}
	}
	for _, p := range r.cfg.PortBlocks {
		if err := r.cls.AddPortBlock(p.Proto, p.Port, kernel.ListEntry{Rule: staticRule}); err != nil {
			return err
		}
	}
	return nil
}

// privileged wraps a permission failure in ErrPermission.
func privileged(err error) error {
	if errors.Is(err, unix.EPERM) || errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("%w: %w", ErrPermission, err)
	}
	return err
}

// clockOffset is what turns bpf_ktime_get_ns() into wall-clock time.
func clockOffset() (time.Duration, error) {
	mono, err := kernel.Monotonic()
	if err != nil {
		return 0, err
	}
	return time.Duration(time.Now().UnixNano() - int64(mono)), nil
}

func (r *Runner) wall(mono uint64) time.Time {
	return time.Unix(0, int64(mono)+int64(r.offset))
}

// Close detaches the classifier, decides the events still queued and
// releases everything Start made: nothing of the run stays in the kernel,
// except, for a pinned run, the attached classifier and its pinned state.
func (r *Runner) Close() error {
	return r.teardown()
}

func (r *Runner) teardown() error {
	r.reloadMu.Lock() // a reload in progress finishes first
	defer r.reloadMu.Unlock()
	var errs []error
	if r.att != nil && r.cfg.Pin {
		errs = append(errs, r.att.Release())
		r.att = nil
	}
	if r.att != nil {
		errs = append(errs, r.att.Close())
		r.att = nil
	}
	select {
	case <-r.done:
	default:
		close(r.done)
	}
	r.sweepW.Wait()
	if r.logs != nil {
		errs = append(errs, r.logs.Close())
		r.logs = nil
	}
	if r.reader != nil {
		errs = append(errs, r.reader.Flush())
		r.readerW.Wait()
		r.workerW.Wait()
		errs = append(errs, r.reader.Close())
		r.reader = nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.final == nil && !r.started.IsZero() {
		if s, err := r.snapshot(); err == nil {
			r.final = &s
		}
	}
	for _, w := range r.workers {
		for gen, e := range w.engines {
			errs = append(errs, e.Close())
			delete(w.engines, gen)
		}
		w.release()
	}
	if r.eve != nil {
		errs = append(errs, r.eve.Flush())
	}
	if r.events != nil {
		errs = append(errs, r.events.Close())
		r.events = nil
	}
	if r.cls != nil {
		errs = append(errs, r.cls.Close())
		r.cls = nil
	}
	return errors.Join(errs...)
}

// Direction is the traffic the run classifies.
func (r *Runner) Direction() attach.Direction { return r.cfg.Direction }

// Iface is the interface the run is attached to.
func (r *Runner) Iface() string { return r.cfg.Iface }

// WriteEvent writes an event of another source (such as the exec
// watcher) to the run's EVE output, whole and flushed.
func (r *Runner) WriteEvent(ev *eve.Event) error {
	if r.eve == nil {
		return nil
	}
	if err := r.eve.Write(ev); err != nil {
		return err
	}
	return r.eve.Flush()
}
