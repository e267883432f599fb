package engine

import (
	"fmt"
	"net/netip"
	"slices"
	"time"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/refeval"
	"github.com/rulec/rulec/runtime/threshold"
)

// Options wire an engine.
type Options struct {
	Kernel         Kernel
	NewTracker     func(emit func(*inspect.Unit)) Tracker
	CompileMatcher func(rules []*ir.Rule) (Matcher, []error) // errs[i] for rules[i], nil when fine
	EVE            *eve.Writer
	Severity       eve.Severity
	Iface          string
	Offline        bool // frames come from a capture: events carry pcap_cnt
}

// Skipped is a rule the runtime cannot evaluate faithfully; it never
// alerts, and says why.
type Skipped struct {
	Rule   *ir.Rule
	Reason string
}

// Engine runs one compiled object.
type Engine struct {
	obj       *object.Object
	opts      Options
	look      *kernel.Lookup
	firstSlot map[uint32]int
	user      []*urule // by object rule index; nil for kernel rules
	matcher   Matcher
	tracker   Tracker
	limits    *threshold.Tracker
	kernelIP  map[ipOnlyKey]bool
	full      *refeval.Evaluator // decides packets past the kernel scan depth
	xbits     *xbits
	stats     Stats
	skipped   []Skipped
	err       error
}

type ipOnlyKey struct {
	rule     uint32
	src, dst netip.Addr
	proto    uint8
	sp, dp   uint16
}

// New prepares an engine for o.
func New(o *object.Object, opts Options) (*Engine, error) {
	if opts.Severity == nil {
		opts.Severity = eve.DefaultSeverity
	}
	e := &Engine{obj: o, opts: opts, look: kernel.NewLookup(o.Kernel), firstSlot: map[uint32]int{},
		user: make([]*urule, len(o.Rules)), limits: threshold.New(), kernelIP: map[ipOnlyKey]bool{},
		full: refeval.NewUnbounded(o.Kernel), xbits: newXbits()}
	e.stats.init()
	for i, s := range o.Kernel.Slots {
		if _, ok := e.firstSlot[s.Rule]; !ok {
			e.firstSlot[s.Rule] = i
		}
	}
	var (
		forMatcher []*ir.Rule
		owners     []*urule
	)
	for i, r := range o.Rules {
		if o.Tiers[i].Tier != lower.Userspace {
			continue
		}
		if reason := runtimeGap(r); reason != "" {
			e.skipped = append(e.skipped, Skipped{r, reason})
			continue
		}
		u, bufRule := prepare(i, r)
		if bufRule != nil {
			u.matchIdx = len(forMatcher)
			forMatcher = append(forMatcher, bufRule)
			owners = append(owners, u)
		}
		e.user[i] = u
	}
	m, errs := opts.CompileMatcher(forMatcher)
	for i, err := range errs {
		if err != nil {
			e.skipped = append(e.skipped, Skipped{owners[i].r, err.Error()})
			e.user[owners[i].idx] = nil
		}
	}
	e.matcher = m
	e.tracker = opts.NewTracker(e.unit)
	return e, nil
}

// runtimeGap names what the runtime cannot evaluate in r, if anything.
func runtimeGap(r *ir.Rule) string {
	if r.Lang != ir.Suricata {
		return fmt.Sprintf("%s rules run through the SecLang engine, not this pipeline", r.Lang)
	}
	for _, b := range r.Bits {
		if b.Kind == "xbits" && b.Track == "tx" {
			return "xbits tracked by tx is not evaluated by the runtime yet"
		}
	}
	for _, m := range r.Matchers {
		if _, ok := m.(*ir.AppLayerEvent); ok {
			return "app-layer-event is not evaluated by the runtime yet"
		}
	}
	return ""
}

// Skipped lists the userspace rules the runtime leaves out, with reasons.
func (e *Engine) Skipped() []Skipped { return e.skipped }

// Frame runs one frame through both tiers. It returns the kernel verdict
// (refeval.ActOK or refeval.ActShot).
func (e *Engine) Frame(ts time.Time, frame []byte) (int, error) {
	e.stats.packet(ts, len(frame))
	res, err := e.opts.Kernel.Run(frame)
	if err != nil {
		return refeval.ActOK, err
	}
	copyUp := false
	if res.Truncated {
		e.stats.Truncated++
		res.Events = append(res.Events, e.undecided(frame, res.Events)...)
	}
	for _, ev := range res.Events {
		switch ev.Kind {
		case refeval.EventAlert:
			e.kernelAlert(ts, frame, ev)
		case refeval.EventBlock:
			e.stats.Blocked++
		case refeval.EventCopy:
			copyUp = true
		}
	}
	if res.Verdict == refeval.ActShot {
		e.stats.Drops++
		return res.Verdict, nil
	}
	if copyUp {
		e.stats.Copies++
		if _, err := e.tracker.Frame(ts, frame); err != nil {
			e.stats.DecodeErrors++
		}
	}
	return res.Verdict, e.err
}

// undecided returns the alerts of kernel rules the classifier left to
// userspace because the payload was longer than its scan depth.
func (e *Engine) undecided(frame []byte, have []refeval.Event) []refeval.Event {
	var out []refeval.Event
	for _, ev := range e.full.Run(frame).Events {
		if ev.Kind == refeval.EventAlert && !slices.Contains(have, ev) {
			out = append(out, ev)
		}
	}
	return out
}

// Close flushes the tracker and the EVE writer.
func (e *Engine) Close() error {
	e.tracker.Flush()
	if e.opts.EVE != nil {
		if err := e.opts.EVE.Flush(); err != nil && e.err == nil {
			e.err = err
		}
	}
	return e.err
}

// Stats returns the counters so far.
func (e *Engine) Stats() *Stats { return &e.stats }
