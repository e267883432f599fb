package engine

import (
	"slices"
	"time"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/defrag"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flowid"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/refeval"
	"github.com/rulec/rulec/runtime/threshold"
	"github.com/rulec/rulec/runtime/waf"
	"github.com/rulec/rulec/runtime/wafbridge"
)

// Options wire an engine.
type Options struct {
	Kernel         Kernel
	NewTracker     func(Events) Tracker
	CompileMatcher func(rules []*ir.Rule) (Matcher, []error) // errs[i] for rules[i], nil when fine
	EVE            *eve.Writer
	Severity       eve.Severity
	Iface          string
	Offline        bool // frames come from a capture: events carry pcap_cnt
	// OnAlert, when set, sees every alert after it is written.
	OnAlert func(*eve.Event)
	// WAFBlocking runs SecLang rules in ModSecurity's On mode (a
	// disruptive rule marks its transaction's alerts blocked) rather than
	// DetectionOnly.
	WAFBlocking bool
	// XFF, when set, applies X-Forwarded-For to alerts on HTTP requests.
	XFF *eve.XFF
	// CommunityID, when set, gives records of a flow its Community ID.
	CommunityID *eve.CommunityID
	// Defrag bounds IP reassembly; zero fields take Suricata's defaults.
	Defrag defrag.Config
	// IPS runs an offline capture as inline Suricata does: drop and reject
	// rules drop the packet and the rest of its flow, with EVE drop
	// records; without it drop rules only alert.
	IPS bool
	// ActionOrder orders the actions of a packet's matching rules (nil:
	// Suricata's default, pass, drop, reject, alert).
	ActionOrder ActionOrder
	// Decoder is the decoder's configuration (decoder.teredo, vxlan and
	// geneve); nil: Suricata's default suricata.yaml's.
	Decoder *decode.Config
	// Records are the EVE record types written; nil: alerts only. With
	// flow or app-layer records on, every frame the kernel tier passes
	// goes through the flow tracker, copied up or not.
	Records eve.Types
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
	user      []*urule                           // by object rule index; nil for kernel rules
	kindRules [inspect.KindPseudo + 1]*slotRules // by inspect.Kind: the rules worth evaluating on it
	appRules  map[string]*slotRules              // app-layer units: by app protocol
	appKeys   []string                           // appRules' keys, sorted
	rank      []int                              // by rule index: position in Suricata's inspection order
	deOnly    []*urule                           // the decoder-event-only rules, in rank order (deonly.go)
	ruleSlots [][]int                            // by rule index: the header-shape slots of the rule
	byMatch   []*urule                           // by matcher rule index
	groups    map[groupKey]*ruleGroup
	apps      map[string]uint8 // app protocol ids
	addrCache addrCache
	scratch   scratch
	matcher   Matcher
	tracker   Tracker
	limits    *threshold.Tracker
	kernelIP  map[ipOnlyKey]bool
	full      *refeval.Evaluator // decides packets past the kernel scan depth
	waf       *wafbridge.Bridge  // SecLang rules; nil without any
	bounded   *refeval.Evaluator // what the classifier decided of them
	next      *Engine            // the engine that adopted this one's flows
	xbits     *xbits
	dec       decode.Packet // the frame being processed
	whole     decode.Packet // the packet defragmentation completed
	norm      decode.Packet // the frame as IPS mode's stream normalisation rewrote it
	defrag    *defrag.Defragmenter
	// defragOutside: the caller reassembles fragments (TakeDefrag).
	defragOutside bool
	stats         Stats
	quiet         bool // units are tracked, not inspected
	// appUndecided: the frame being tracked was copied up with a kernel
	// app-layer rule (dns.query, tls.sni) undecided.
	appUndecided bool
	pending      []pendingAlert // kernel dns.query alerts waiting for their packet's copy
	dnsDec       dns.Decoder    // DNS detail of dropped packets (dropDetail)
	// undecidedRules are the kernel dns.query rules, for DNS units of
	// undecided copies and of DNS over TCP (never decided in the kernel).
	undecidedRules *slotRules
	pcapCnt        uint64      // offline: the capture's packet being processed
	pcapFile       string      // offline: the capture's name, for records that name it
	pktSrc         string      // where the packet being processed came from (EVE pkt_src)
	curTunnel      *eve.Tunnel // the outermost packet of the tunneled packet being processed
	link           decode.Link // the link layer of the frames being processed
	cur            *Outcome    // the frame Decide is deciding, for its kernel alerts' detail
	outs           [2]Outcome  // Decide's outcomes, by nesting level
	outDepth       int
	seq            Sequencer       // workers: orders access to shared state; nil alone
	pos            Positioned      // seq, when it is one
	deferred       *deferredLimits // with pos: thresholds decided in capture order, shared
	pendN          int             // matches left to deferred so far
	forked         bool            // a worker sharing another engine's rules and state
	fate           packetFate
	bypassed       map[bypassKey]bool // flow directions the kernel tier was told to stop copying
	dropScopes     []kernel.DropScope // by rule index: what a kernel rule's drop applies to
	skipped        []Skipped
	configEvicted  uint64 // transactions kept out of the logs, forgotten (maxNoLogTx)
	err            error
}

// New prepares an engine for o.
func New(o *object.Object, opts Options) (*Engine, error) {
	if opts.Severity == nil {
		opts.Severity = eve.DefaultSeverity
	}
	if opts.Records == nil {
		opts.Records = eve.AlertsOnly()
	}
	if opts.Decoder == nil {
		d := decode.DefaultConfig()
		opts.Decoder = &d
	}
	e := &Engine{obj: o, opts: opts, look: kernel.NewLookup(o.Kernel),
		user: make([]*urule, len(o.Rules)), limits: threshold.New(0), kernelIP: map[ipOnlyKey]bool{},
		groups: map[groupKey]*ruleGroup{}, apps: map[string]uint8{},
		full: refeval.NewUnbounded(o.Kernel), defrag: defrag.New(opts.Defrag), bounded: refeval.New(o.Kernel), xbits: newXbits()}
	e.stats.init()
	e.full.SetDecoder(opts.Decoder)
	e.bounded.SetDecoder(opts.Decoder)
	var (
		forMatcher []*ir.Rule
		owners     []*urule
		secRules   []*ir.Rule
	)
	appRules := kernelAppRules(o.Kernel, len(o.Rules))
	for i, r := range o.Rules {
		kernelApp := o.Tiers[i].Tier == lower.Kernel && appRules[i]
		if o.Tiers[i].Tier != lower.Userspace && !kernelApp {
			continue
		}
		if r.Lang == ir.SecLang {
			secRules = append(secRules, r)
			continue
		}
		u, bufRule := prepare(i, r)
		u.kernelApp = kernelApp
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
	e.matcher, e.byMatch = m, owners
	if len(secRules) > 0 {
		mode := waf.DetectionOnly
		if opts.WAFBlocking {
			mode = waf.On
		}
		var err error
		if e.waf, err = wafbridge.New(secRules, mode); err != nil {
			for _, r := range secRules {
				e.skipped = append(e.skipped, Skipped{r, err.Error()})
			}
		} else {
			for _, rej := range e.waf.Rejected() {
				e.skipped = append(e.skipped, Skipped{rej.Rule, rej.Err.Error()})
			}
		}
	}
	e.index()
	e.dropScopes = dropScopes(o)
	e.tracker = opts.NewTracker(e.events())
	return e, nil
}

// Fork returns a worker engine for the same capture: it shares e's
// compiled rules, matcher, WAF rules, thresholds and xbits, runs the
// kernel tier with k, and tracks its own flows; seq orders the workers'
// access to what they share (e needs it too, with Sequence), and is
// Positioned when e's is.
func (e *Engine) Fork(k Kernel, seq Sequencer) *Engine {
	f := &Engine{obj: e.obj, opts: e.opts, look: e.look, user: e.user, kindRules: e.kindRules, appRules: e.appRules,
		rank: e.rank, deOnly: e.deOnly, ruleSlots: e.ruleSlots, byMatch: e.byMatch, groups: map[groupKey]*ruleGroup{}, apps: map[string]uint8{},
		matcher: e.matcher, limits: e.limits, kernelIP: map[ipOnlyKey]bool{}, full: e.full, bounded: e.bounded,
		xbits: e.xbits, skipped: e.skipped, seq: seq, deferred: e.deferred, forked: true, defrag: defrag.New(e.opts.Defrag),
		undecidedRules: e.undecidedRules, dropScopes: e.dropScopes}
	f.opts.Kernel = k
	if e.deferred != nil {
		f.pos = seq.(Positioned)
	}
	if e.waf != nil {
		f.waf = e.waf.Fork()
	}
	f.stats.init()
	f.tracker = e.opts.NewTracker(f.events())
	return f
}

// Sequence sets the sequencer of the first worker, whose forks are the
// others.
func (e *Engine) Sequence(seq Sequencer) {
	e.seq = seq
	if p, ok := seq.(Positioned); ok && e.opts.Offline {
		e.pos = p
		e.deferred = &deferredLimits{}
		e.deferred.stats.init()
	}
}

// DeferredStats returns the counts of the alerts whose thresholds the
// workers left to be decided in capture order (a Sequence's first worker
// and its forks share them); nil without workers.
func (e *Engine) DeferredStats() *Stats {
	if e.deferred == nil {
		return nil
	}
	return &e.deferred.stats
}

// events are what the engine's tracker reports to.
func (e *Engine) events() Events {
	return Events{Unit: e.route, FlowEnd: e.routeFlowEnd, Record: e.routeRecord}
}

// Skipped lists the userspace rules the runtime leaves out, with reasons.
func (e *Engine) Skipped() []Skipped { return e.skipped }

// Frame runs one frame through both tiers: the kernel step, then
// Decide. It returns the kernel verdict (refeval.ActOK or
// refeval.ActShot).
func (e *Engine) Frame(ts time.Time, frame []byte) (int, error) {
	e.stats.packet(ts, len(frame))
	e.pcapCnt = e.stats.Packets
	return e.frame(ts, frame, nil, nil)
}

// FrameAt is Frame for a worker that runs some of a capture's frames: n
// is the frame's number in the capture, d the frame decoded (with the
// error decode.Decode gave).
func (e *Engine) FrameAt(n uint64, ts time.Time, d *decode.Packet, derr error) (int, error) {
	e.stats.packet(ts, len(d.Frame))
	e.pcapCnt = n
	if n%64 == 0 {
		e.decideLeft()
	}
	return e.frame(ts, d.Frame, d, derr)
}

// Advance tells a worker of a frame another worker runs: flows time out
// on the capture's clock.
func (e *Engine) Advance(n uint64, ts time.Time) {
	e.pcapCnt = n
	if n%64 == 0 {
		e.decideLeft()
	}
	e.tracker.Advance(ts)
}

// SetPcapCnt sets the capture's packet number the next events carry, as
// before Close ends the flows at the end of a capture run by workers.
func (e *Engine) SetPcapCnt(n uint64) { e.pcapCnt = n }

func (e *Engine) frame(ts time.Time, frame []byte, d *decode.Packet, derr error) (int, error) {
	if e.opts.IPS {
		if d == nil {
			d, derr = &e.dec, e.decode(frame, &e.dec)
		}
		if n, ok := e.tracker.(normaliser); ok && derr == nil && n.Normalise(d, &e.norm) {
			d, frame = &e.norm, e.norm.Frame
		}
	}
	res, err := e.opts.Kernel.Run(frame)
	if err != nil {
		return refeval.ActOK, err
	}
	if res.Verdict == refeval.ActShot {
		e.stats.Drops++
	}
	if d == nil {
		d, derr = &e.dec, e.decode(frame, &e.dec)
	}
	return res.Verdict, e.Decide(outcome(ts, frame, res, d, derr))
}

// outcome is what the kernel tier did with a frame, decoded once into d
// (with the decoder's error), for the kernel alerts' tuple and flow id and
// for the tracker.
func outcome(ts time.Time, frame []byte, res refeval.Result, d *decode.Packet, derr error) Outcome {
	o := Outcome{TS: ts, Frame: frame, Result: res, Decoded: d, DecodeErr: derr}
	if derr == nil && d.Family != 0 {
		o.Tuple = refeval.Tuple{Src: d.Src, Dst: d.Dst, Proto: d.Proto, Sport: d.Sport, Dport: d.Dport}
		o.FlowID = flowid.Of(d.FlowKey())
	}
	return o
}

// Outcome is what the kernel tier did with one packet: offline, all its
// events; live, one ring buffer record.
type Outcome struct {
	TS     time.Time
	Tuple  refeval.Tuple
	FlowID uint64 // flowid.Of the packet's flow key
	// Frame is the packet from its Ethernet header on; live, only copies
	// carry it.
	Frame []byte
	// Decoded, when set, is Frame decoded (with DecodeErr), so that it is
	// not decoded again.
	Decoded   *decode.Packet
	DecodeErr error
	// Reassembled: the packet is defragmentation's, not one the
	// classifier copied (not counted as a copy).
	Reassembled bool
	// Tunnel: the packet is a tunnel's inner packet, not one the
	// classifier saw (not counted as a copy); the outermost packet.
	Tunnel   *eve.Tunnel
	innerSrc string // a tunnel's inner packet: where it came from (EVE pkt_src)
	refeval.Result
}

// Decide is the events step: kernel alerts become EVE events, and a
// copied packet the kernel did not drop goes to the userspace tier.
func (e *Engine) Decide(o Outcome) error {
	op := e.outcomeSlot()
	*op = o
	defer e.releaseOutcome()
	if err := e.decide(op); err != nil {
		return err
	}
	return e.tunnel(op)
}

// outcomeSlot is where Decide keeps the outcome it decides (one per
// nesting level: a reassembled packet is decided inside its last
// fragment's Decide), so that it does not move to the heap per frame.
func (e *Engine) outcomeSlot() *Outcome {
	if e.outDepth++; e.outDepth <= len(e.outs) {
		return &e.outs[e.outDepth-1]
	}
	return new(Outcome)
}

func (e *Engine) releaseOutcome() {
	if e.outDepth <= len(e.outs) {
		e.outs[e.outDepth-1] = Outcome{}
	}
	e.outDepth--
}

func (e *Engine) decide(o *Outcome) error {
	e.pktSrc, e.curTunnel = eve.PktSrcWire, o.Tunnel
	if o.Reassembled {
		e.pktSrc = eve.PktSrcDefrag
	}
	if o.Tunnel != nil {
		e.pktSrc = o.innerSrc
	}
	events := o.Events
	if o.Truncated && o.Frame != nil {
		e.stats.Truncated++
		events = append(slices.Clip(events), e.undecided(o.Frame, o.Flow)...)
	}
	e.openPacket()
	copyUp := false
	var reason uint8
	for _, ev := range events {
		if ev.Kind == refeval.EventCopy && o.Frame != nil {
			copyUp, reason = true, reason|ev.Reason
		}
	}
	if len(e.pending) > 0 && (!copyUp || e.pending[0].tuple != o.Tuple) {
		e.flushPending()
	}
	e.cur = o
	defer func() { e.cur = nil }()
	defer func() {
		if o.Frame != nil {
			e.flushPending()
		}
	}()
	if e.flowDropFrame(o, events) {
		events = nil
		if e.opts.IPS {
			o.Verdict = refeval.ActShot
		}
	}
	for _, ev := range events {
		switch ev.Kind {
		case refeval.EventAlert:
			if e.wantsDetail(ev) && (copyUp || o.Frame == nil) {
				e.pending = append(e.pending, pendingAlert{o.TS, o.Tuple, o.FlowID, ev})
				continue
			}
			e.kernelAlert(o.TS, o.Tuple, o.FlowID, ev)
		case refeval.EventBlock:
			e.stats.Blocked++
		}
	}
	shot := o.Verdict == refeval.ActShot
	flowShot := shot && e.dropsFlow(events)
	// a drop without an event is a packet of a dropped flow: Suricata
	// inspects nothing of it, in IDS mode too
	flowDropped := shot && len(events) == 0
	if shot && e.opts.Offline && !e.opts.IPS {
		// offline IDS: a drop rule alerts, the packet goes on
		shot, copyUp = false, o.Frame != nil && !flowDropped
	}
	if o.Verdict == refeval.ActShot && len(e.pending) > 0 && o.Frame != nil && !e.opts.Offline && !e.opts.IPS {
		e.dropDetail(o) // live: the tracker never sees a dropped packet
	}
	// a kernel drop acting on the flow needs the flow, to mark it
	// dropped (IDS mode too: its later packets are not inspected)
	track := copyUp || (e.trackAll() || e.opts.IPS || flowShot) && o.Frame != nil
	if track && (!shot || e.opts.IPS) {
		if copyUp && !shot && !o.Reassembled && o.Tunnel == nil {
			e.stats.Copies++
			e.stats.CopiedTotal += uint64(len(o.Frame))
			e.stats.countCopy(reason, len(o.Frame))
		}
		// a frame the kernel did not copy up, or of a dropped flow, is
		// tracked for the flow's state and records only: the userspace
		// tier does not inspect what it produces; a frame a rule dropped
		// is inspected, as Suricata inspects a packet with all its rules
		e.quiet = !copyUp || flowDropped
		e.appUndecided = copyUp && !shot && o.App
		if e.appUndecided {
			e.stats.AppUndecided++
		}
		if o.Decoded == nil {
			o.Decoded, o.DecodeErr = &e.dec, e.decode(o.Frame, &e.dec)
		}
		var whole []byte
		if copyUp && !shot && !e.defragOutside && o.DecodeErr == nil && o.Decoded.L4 == decode.L4Fragment {
			whole = e.defrag.Add(o.TS, o.Decoded)
		}
		if copyUp {
			for _, ev := range o.Decoded.Events.List() {
				e.stats.DecodeEvents[ev.String()]++
			}
		}
		p, err := e.tracker.Decoded(o.TS, o.Decoded, o.DecodeErr)
		if err != nil && !e.quiet {
			e.decoderEventsOnly(o)
		}
		e.quiet, e.appUndecided = false, false
		if err != nil {
			e.stats.DecodeErrors++
		}
		if p != nil && p.NoInspect {
			// an exception policy took the packet out of inspection
			// before detection: the kernel tier's matches do not stand
			clear(e.fate.queue)
			e.fate.queue = e.fate.queue[:0]
		}
		if !shot && !o.Reassembled && o.Tunnel == nil {
			copied := reason
			if !copyUp {
				copied = 0
			}
			e.bypass(o.Frame, p, copied)
		}
		if !copyUp {
			e.bypassedFrame(o)
		}
		if p != nil {
			e.fate.pktFlow = p.Flow
		}
		e.closePacket()
		e.dropped(p, shot, flowShot)
		if e.opts.IPS && !o.Reassembled && o.Tunnel == nil {
			e.countVerdict()
		}
		if whole != nil {
			return e.reassembled(o.TS, whole, o.Decoded.Link)
		}
	} else if d := o.Decoded; d != nil && o.DecodeErr == nil && d.Family != 0 {
		// flows time out on the clock of every IP packet, inspected or not
		e.tracker.Advance(o.TS)
		e.bypassedFrame(o)
	}
	e.closePacket()
	return e.err
}

// Adopt takes over old's flow table, so flows and their reassembly state
// survive a rule reload: units of those flows are evaluated by e's rules
// from now on. Copies go to e only afterwards; old still decides its own
// kernel alerts.
func (e *Engine) Adopt(old *Engine) {
	e.tracker, e.defrag = old.tracker, old.defrag
	old.next = e
}

// route hands a unit to the newest engine of this one's flow table.
func (e *Engine) route(u *inspect.Unit) {
	for e.next != nil {
		e = e.next
	}
	e.unit(u)
}

// routeRecord hands an app-layer record to the newest engine of this one's
// flow table.
func (e *Engine) routeRecord(u *inspect.Unit) {
	for e.next != nil {
		e = e.next
	}
	e.appRecord(u)
}

// routeFlowEnd hands a flow's end to the newest engine of this one's flow
// table.
func (e *Engine) routeFlowEnd(f *inspect.Flow) {
	for e.next != nil {
		e = e.next
	}
	if e.waf != nil {
		e.wafAlerts(e.waf.FlowEnd(f), nil)
	}
	e.forgetBypass(f)
	e.stats.FlowEndStates[f.End.State]++
	if f.End.TCPState != "" {
		e.stats.FlowEndTCPStates[f.End.TCPState]++
	}
	e.flowRecord(f)
}

// Close flushes the tracker, unless another engine adopted it, and the
// EVE writer.
func (e *Engine) Close() error {
	e.flushPending()
	if e.next == nil {
		e.tracker.Flush()
	}
	if e.deferred != nil {
		e.limitsTurn()() // after the capture: decides every match left
		if err := e.deferred.err; err != nil && e.err == nil {
			e.err = err
		}
	}
	if e.opts.EVE != nil {
		if err := e.opts.EVE.Flush(); err != nil && e.err == nil {
			e.err = err
		}
	}
	if s, ok := e.matcher.(DatasetSaver); ok && !e.forked {
		if err := s.SaveDatasets(); err != nil && e.err == nil {
			e.err = err
		}
	}
	return e.err
}

// Stats returns the counters so far. The tracker's limits are counted by
// the engine that runs it now, not by those it was adopted from; those of
// what workers share by the first worker.
func (e *Engine) Stats() *Stats {
	lim := map[string]uint64{}
	add := func(m map[string]uint64) {
		for k, v := range m {
			lim[k] += v
		}
	}
	if !e.forked {
		th := e.limits.Stats()
		lim["threshold_table_full"] = th.Full
		if m, ok := e.matcher.(Limited); ok {
			add(m.Limits())
		}
	}
	if t, ok := e.tracker.(Limited); ok && e.next == nil {
		add(t.Limits())
	}
	if e.next == nil {
		ds := e.defrag.Stats()
		add(ds.Limits())
		e.stats.Fragments, e.stats.Reassembled = ds.Fragments, ds.Reassembled
	}
	if e.configEvicted > 0 {
		lim["config_tx_evicted"] = e.configEvicted
	}
	e.stats.Limits = lim
	if e.waf != nil {
		e.stats.WAFEvicted = e.waf.Evicted()
	}
	return &e.stats
}
