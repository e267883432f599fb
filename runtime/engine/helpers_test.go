package engine

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match"
	"github.com/rulec/rulec/runtime/refeval"
)

// fakeKernel copies every frame up, raising the alerts listed for it.
type fakeKernel struct{ alerts map[byte][]uint32 }

func (k fakeKernel) Run(frame []byte) (refeval.Result, error) {
	r := refeval.Result{Events: []refeval.Event{{Kind: refeval.EventCopy}}}
	for _, id := range k.alerts[frame[0]] {
		r.Events = append(r.Events, refeval.Event{Kind: refeval.EventAlert, Rule: id})
	}
	return r, nil
}

func (fakeKernel) Track([]byte) (refeval.FlowView, error) { return 0, nil }

func (fakeKernel) Bypass([]byte, bool, refeval.Keep) error { return nil }

// fakeTracker emits, for a frame whose first byte is i, the units of
// script[i]; a frame of 0xff ends the flows listed in ends.
type fakeTracker struct {
	ev     Events
	script [][]*inspect.Unit
	ends   []*inspect.Flow
}

func (t *fakeTracker) Frame(ts time.Time, frame []byte) (*inspect.Packet, error) {
	if frame[0] == 0xff {
		for _, f := range t.ends {
			t.ev.FlowEnd(f)
		}
		return nil, nil
	}
	var p *inspect.Packet
	for _, u := range t.script[frame[0]] {
		u.TS = ts
		t.ev.Unit(u)
		if p == nil && u.Kind == inspect.KindPacket {
			p = u.Packet
			p.Flow = u.Flow
		}
	}
	return p, nil
}

func (t *fakeTracker) Decoded(ts time.Time, d *decode.Packet, _ error) (*inspect.Packet, error) {
	return t.Frame(ts, d.Frame)
}

func (t *fakeTracker) Flush() {}

func (t *fakeTracker) Advance(time.Time) {}

// fakeMatcher holds a rule's buffer matchers when hits says its sid hits
// the unit; its groups record the rules they were asked about.
type fakeMatcher struct {
	rules []*ir.Rule
	hits  func(u *inspect.Unit, sid uint64) bool
	asked *[][]uint64
	made  *int
}

func (m fakeMatcher) Group(rules []int) MatchGroup {
	*m.made++
	return fakeGroup{m, rules}
}

type fakeGroup struct {
	m     fakeMatcher
	rules []int
}

func (g fakeGroup) MatchEffects(u *inspect.Unit, out []int, _ *match.Effects) []int {
	var asked []uint64
	for _, c := range g.rules {
		sid := g.m.rules[c].Meta.SID
		asked = append(asked, sid)
		if g.m.hits(u, sid) {
			out = append(out, c)
		}
	}
	*g.m.asked = append(*g.m.asked, asked)
	return out
}

func (g fakeGroup) NoLiteral() []int { return nil }

// harness is an engine over fakes with its EVE output.
type harness struct {
	e       *Engine
	tracker *fakeTracker
	out     bytes.Buffer
	asked   [][]uint64
	groups  int // match groups made
	ts      time.Time
}

func compileRules(t *testing.T, rules string) *object.Object {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.rules")
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile([]string{path}, compiler.Options{})
	if err != nil || res.Tally.Errors > 0 || res.Tally.Unsupported > 0 {
		t.Fatalf("compile: %v %+v %v", err, res.Tally, res.Diags)
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func newHarness(t *testing.T, rules string, k fakeKernel, hits func(*inspect.Unit, uint64) bool) *harness {
	t.Helper()
	h := &harness{tracker: &fakeTracker{}, ts: time.Unix(1000, 0)}
	if hits == nil {
		hits = func(*inspect.Unit, uint64) bool { return true }
	}
	w := eve.NewWriter(&h.out)
	var err error
	h.e, err = New(compileRules(t, rules), Options{
		Kernel: k,
		NewTracker: func(ev Events) Tracker {
			h.tracker.ev = ev
			return h.tracker
		},
		CompileMatcher: func(rs []*ir.Rule) (Matcher, []error) {
			return fakeMatcher{rules: rs, hits: hits, asked: &h.asked, made: &h.groups}, make([]error, len(rs))
		},
		EVE:     w,
		Offline: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if s := h.e.Skipped(); len(s) > 0 {
		t.Fatalf("skipped %v", s)
	}
	return h
}

// frame runs the units through the engine as one frame.
func (h *harness) frame(t *testing.T, units ...*inspect.Unit) {
	t.Helper()
	i := len(h.tracker.script)
	h.tracker.script = append(h.tracker.script, units)
	h.ts = h.ts.Add(time.Second)
	if _, err := h.e.Frame(h.ts, []byte{byte(i)}); err != nil {
		t.Fatal(err)
	}
}

type alert struct {
	SID     uint64
	PcapCnt uint64
	Action  string
	Src     string
	Tier    string
}

// alerts returns the alerts written so far, in order.
func (h *harness) alerts(t *testing.T) []alert {
	t.Helper()
	if err := h.e.Close(); err != nil {
		t.Fatal(err)
	}
	var out []alert
	for _, line := range bytes.Split(bytes.TrimSpace(h.out.Bytes()), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var ev struct {
			PcapCnt uint64 `json:"pcap_cnt"`
			SrcIP   string `json:"src_ip"`
			Alert   struct {
				SID    uint64 `json:"signature_id"`
				Action string `json:"action"`
			} `json:"alert"`
			Rulec struct {
				Tier string `json:"tier"`
			} `json:"rulec"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("EVE line %q: %v", line, err)
		}
		out = append(out, alert{ev.Alert.SID, ev.PcapCnt, ev.Alert.Action, ev.SrcIP, ev.Rulec.Tier})
	}
	return out
}

func sids(as []alert) []uint64 {
	var out []uint64
	for _, a := range as {
		out = append(out, a.SID)
	}
	return out
}

var (
	client = netip.MustParseAddr("10.0.0.1")
	server = netip.MustParseAddr("192.0.2.80")
)

func tcpFlow(id uint64) *inspect.Flow {
	return &inspect.Flow{ID: id, Proto: 6, Client: client, Server: server, ClientPort: 40000, ServerPort: 80, Established: true, Reassembled: true}
}

// packetUnit is a packet unit of f in direction d with the payload, as
// the tracker gives it: established as its flow is, its data in the
// stream of a reassembled flow.
func packetUnit(f *inspect.Flow, d inspect.Dir, payload string) *inspect.Unit {
	p := &inspect.Packet{Src: f.Client, Dst: f.Server, Sport: f.ClientPort, Dport: f.ServerPort, Proto: f.Proto, Payload: []byte(payload),
		Flow: f, Established: f.Established, StreamAdded: f.Reassembled && len(payload) > 0}
	if d == inspect.ToClient {
		p.Src, p.Dst, p.Sport, p.Dport = p.Dst, p.Src, p.Dport, p.Sport
	}
	u := &inspect.Unit{Kind: inspect.KindPacket, Flow: f, Dir: d, Packet: p}
	u.SetBuffer("payload", p.Payload)
	return u
}

// streamUnit is a reassembled chunk of f in direction d, inspected with
// the packet that carried it.
func streamUnit(f *inspect.Flow, d inspect.Dir, data string) *inspect.Unit {
	u := &inspect.Unit{Kind: inspect.KindStream, Flow: f, Dir: d, Packet: packetUnit(f, d, data).Packet}
	u.SetBuffer("payload", []byte(data))
	return u
}
