package pipeline

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/match"
	"github.com/rulec/rulec/runtime/refeval"
)

// Kernel tier choices.
const (
	KernelAuto      = "auto"      // BPF when it loads, else the reference evaluator
	KernelBPF       = "bpf"       // the real classifier, or fail
	KernelReference = "reference" // the Go reference evaluator
)

// ErrStale reports an object generated for another classifier build.
var ErrStale = errors.New("stale object")

// Config configures a pipeline.
type Config struct {
	Kernel   string
	Flow     flow.Config
	EVE      io.Writer // nil: no EVE output
	Severity eve.Severity
	Offline  bool
	Iface    string
	// WAFBlocking runs SecLang rules in On mode instead of DetectionOnly.
	WAFBlocking bool
	XFF         *eve.XFF  // X-Forwarded-For handling of alerts; nil: none
	Records     eve.Types // EVE record types written; nil: alerts only
	// CommunityID, when set, gives records of a flow its Community ID
	// (outputs: eve-log: community-id).
	CommunityID *eve.CommunityID
	// Workers runs a capture on that many workers, flows hashed to them
	// (0 or 1: one). The BPF test run takes one.
	Workers int
	IPS     bool // offline: drop rules drop as inline (engine.Options.IPS)
	// ActionOrder orders the actions of a packet's matching rules
	// (engine.Options.ActionOrder).
	ActionOrder engine.ActionOrder
}

// Pipeline is an engine with its kernel tier.
type Pipeline struct {
	Engine *engine.Engine
	// KernelName says which kernel tier runs: "bpf" or "reference (why)".
	KernelName string
	// Fallbacks counts frames the classifier's test-run interface does
	// not take for their size (kernel.ErrFrameSize) and the reference
	// evaluator decided instead.
	Fallbacks uint64
	// Capture counts what reading captures met besides frames.
	Capture    capture.Stats
	classifier *kernel.Classifier
	eve        *eve.Writer
	workers    *workers // nil: Engine alone
	// statsAtEnd: an offline run writes its totals as an EVE stats record
	// when it closes (ips: with the ips counters), as Suricata does.
	statsAtEnd, ips bool
	cpu             []time.Duration // the thread CPU time of the last RunPcap without workers
}

// Open prepares o for running.
func Open(o *object.Object, cfg Config) (*Pipeline, error) {
	if err := CheckObject(o); err != nil {
		return nil, err
	}
	if !cfg.ActionOrder.IsDefault() {
		// the classifier's verdict follows Suricata's default order
		var err error
		if o, err = o.Userspace("action-order other than pass, drop, reject, alert"); err != nil {
			return nil, err
		}
	}
	p := &Pipeline{statsAtEnd: cfg.Offline && cfg.Records.On("stats"), ips: cfg.IPS}
	k, err := p.kernelTier(o, cfg.Kernel, PicksUp(cfg.Flow), &cfg.Flow.Decoder)
	if err != nil {
		return nil, err
	}
	if cfg.EVE != nil {
		p.eve = eve.NewWriter(cfg.EVE)
	}
	fc := cfg.Flow
	fc.IPS = cfg.IPS
	fc.MACs = cfg.Records.On(eve.Ethernet)
	fc.HTTP.DumpRequestHeaders = cfg.Records.On(eve.HTTPRequestHeaders)
	fc.HTTP.DumpResponseHeaders = cfg.Records.On(eve.HTTPResponseHeaders)
	if _, err := fc.MidstreamPolicy(); err != nil {
		p.Close()
		return nil, err
	}
	if cfg.Workers > 1 && p.classifier == nil {
		fc = fc.Share(cfg.Workers)
	}
	p.Engine, err = NewEngine(o, fc, engine.Options{
		Kernel:      k,
		EVE:         p.eve,
		Severity:    cfg.Severity,
		Offline:     cfg.Offline,
		Iface:       cfg.Iface,
		WAFBlocking: cfg.WAFBlocking,
		XFF:         cfg.XFF,
		CommunityID: cfg.CommunityID,
		Records:     cfg.Records,
		IPS:         cfg.IPS,
		ActionOrder: cfg.ActionOrder,
	})
	if err != nil {
		p.Close()
		return nil, err
	}
	if cfg.Workers > 1 && p.classifier == nil {
		p.workers = newWorkers(p.Engine, k, cfg.Workers, fc)
	}
	return p, nil
}

// Workers returns how many workers run a capture.
func (p *Pipeline) Workers() int {
	if p.workers == nil {
		return 1
	}
	return len(p.workers.engines)
}

// WorkerCPU returns the CPU time each worker's thread used running the
// last capture: with several, how evenly the flows split.
func (p *Pipeline) WorkerCPU() []time.Duration {
	if p.workers == nil {
		return p.cpu
	}
	return p.workers.cpu
}

// Stats returns the counters of every worker, summed.
func (p *Pipeline) Stats() *engine.Stats {
	if p.workers == nil {
		return p.Engine.Stats()
	}
	var s engine.Stats
	for _, e := range p.workers.engines {
		s.Add(e.Stats())
	}
	s.Add(p.Engine.DeferredStats())
	return &s
}

// CheckObject refuses an object generated for another classifier build.
func CheckObject(o *object.Object) error {
	if !bytes.Equal(o.BPF, bpf.ELF()) {
		return fmt.Errorf("%w: compiled for classifier %x, this rulec has %x; compile the rules again",
			ErrStale, short(o.BPF), short(bpf.ELF()))
	}
	return nil
}

// NewEngine builds o's engine with rulec's flow tracker and matcher over
// opts. A live run, whose classifier is attached to an interface, passes
// no Kernel and feeds the engine with Decide.
func NewEngine(o *object.Object, fc flow.Config, opts engine.Options) (*engine.Engine, error) {
	fc = appStates(txStream(fileHashes(frameTypes(fingerprints(fc, o.Rules), o.Rules), o.Rules), o.Rules), o.Rules)
	if opts.Records.StreamPayload() && fc.StreamLog == 0 {
		fc.StreamLog = eve.StreamPayloadSize
	}
	opts.NewTracker = func(ev engine.Events) engine.Tracker {
		t := flow.NewTracker(fc, ev.Unit)
		t.OnFlowEnd(ev.FlowEnd)
		t.OnRecord(ev.Record)
		return t
	}
	opts.CompileMatcher = compileMatcher
	opts.Defrag = fc.Defrag
	opts.Decoder = &fc.Decoder
	return engine.New(o, opts)
}

func short(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:6]
}

// PicksUp reports whether Suricata's stream engine picks TCP sessions up
// without a SYN under fc: stream.midstream with a permissive midstream
// exception policy.
func PicksUp(fc flow.Config) bool {
	pol, err := fc.MidstreamPolicy()
	return fc.Midstream && err == nil && (pol == flow.PolicyIgnore || pol == flow.PolicyPassFlow)
}

// kernelTier loads the classifier, or the reference evaluator, for o's
// kernel tables; midstream is Suricata's stream.midstream, which their
// flow state follows; dec says which UDP datagrams are tunnels they copy
// up.
func (p *Pipeline) kernelTier(o *object.Object, choice string, midstream bool, dec *decode.Config) (engine.Kernel, error) {
	ref := refeval.New(o.Kernel)
	ref.SetMidstream(midstream)
	ref.SetDecoder(dec)
	if choice == KernelReference {
		p.KernelName = "reference evaluator (requested)"
		return engine.Reference(ref), nil
	}
	c, err := kernel.Load(o.Kernel, kernel.Options{Midstream: midstream, Decoder: dec})
	if err != nil {
		if choice == KernelBPF || errors.Is(err, kernel.ErrTables) {
			return nil, fmt.Errorf("load the classifier: %w", err)
		}
		p.KernelName = fmt.Sprintf("reference evaluator (BPF unavailable: %v)", firstLine(err))
		return engine.Reference(ref), nil
	}
	p.classifier = c
	p.KernelName = "bpf (BPF_PROG_TEST_RUN)"
	return bpfKernel{c: c, ref: ref, fallbacks: &p.Fallbacks}, nil
}

func firstLine(err error) string {
	s := err.Error()
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// compileMatcher adapts match.Compile to the engine: rejected rules are
// reported per rule.
func compileMatcher(rules []*ir.Rule) (engine.Matcher, []error) {
	m, err := match.Compile(rules)
	errs := make([]error, len(rules))
	var rej *match.RejectedError
	switch {
	case errors.As(err, &rej):
		for _, r := range rej.Rules {
			errs[r.Index] = r.Err
		}
	case err != nil:
		for i := range errs {
			errs[i] = err
		}
	}
	if m == nil {
		return nothing{}, errs
	}
	return matcher{m}, errs
}

// matcher gives the engine match.Engine's groups.
type matcher struct{ *match.Engine }

func (m matcher) Group(rules []int) engine.MatchGroup { return m.NewGroup(rules) }

// nothing matches nothing; it stands in when no matcher could be built.
type nothing struct{}

func (nothing) Group([]int) engine.MatchGroup { return nothing{} }

func (nothing) MatchEffects(_ *inspect.Unit, out []int, _ *match.Effects) []int { return out }

func (nothing) NoLiteral() []int { return nil }

// RunPcap runs every frame of a capture; progress, when set, is called
// every 100,000 frames. An error wrapping capture.ErrRecord ends the
// capture where libpcap (and so Suricata) would, after every frame before
// it ran.
func (p *Pipeline) RunPcap(path string, progress func(n uint64)) error {
	src := capture.Source{}
	var err error
	p.Engine.SetPcapFile(path)
	if p.workers != nil {
		for _, e := range p.workers.engines {
			e.SetPcapFile(path)
		}
		err = p.workers.run(&src, path, progress)
	} else {
		runtime.LockOSThread() // the thread's CPU time is the worker's
		start := threadCPU()
		err = src.ReadFile(path, func(ts time.Time, frame []byte, n uint64) error {
			if progress != nil && n%100000 == 0 {
				progress(n)
			}
			p.Engine.SetLink(src.Link)
			_, err := p.Engine.Frame(ts, frame)
			return err
		})
		p.cpu = []time.Duration{threadCPU() - start}
		runtime.UnlockOSThread()
	}
	p.Capture.Records += src.Stats.Records
	p.Capture.OtherLink += src.Stats.OtherLink
	p.Capture.OverWire += src.Stats.OverWire
	p.Capture.Truncated += src.Stats.Truncated
	return err
}

// Close flushes the engine and releases the classifier.
func (p *Pipeline) Close() error {
	var err error
	if p.workers != nil {
		for _, e := range p.workers.engines[1:] {
			err = errors.Join(err, e.Close())
		}
	}
	if p.Engine != nil {
		err = errors.Join(err, p.Engine.Close())
		if p.statsAtEnd && p.eve != nil {
			err = errors.Join(err, p.eve.Write(p.Stats().EVE(p.ips)), p.eve.Flush())
		}
	}
	if p.classifier != nil {
		err = errors.Join(err, p.classifier.Close())
	}
	return err
}
