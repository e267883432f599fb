package engine

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match"
)

// realMatcher gives the engine the match package's groups.
type realMatcher struct{ *match.Engine }

func (m realMatcher) Group(rules []int) MatchGroup { return m.NewGroup(rules) }

// newMatchHarness is newHarness with the real matcher.
func newMatchHarness(t *testing.T, rules string) *harness {
	t.Helper()
	h := newHarness(t, rules, fakeKernel{}, nil)
	e, err := New(compileRules(t, rules), Options{
		Kernel: fakeKernel{},
		NewTracker: func(ev Events) Tracker {
			h.tracker.ev = ev
			return h.tracker
		},
		CompileMatcher: func(rs []*ir.Rule) (Matcher, []error) {
			m, err := match.Compile(rs)
			if err != nil {
				t.Fatal(err)
			}
			return realMatcher{m}, make([]error, len(rs))
		},
		EVE:     h.e.opts.EVE,
		Offline: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	h.e = e
	return h
}

// pcre captures set flow and packet variables when their rule matches
// (a later rule of the same packet reads them with flowvar), entropy
// values are stored whether their rule matches, and EVE shows them in
// metadata: entropy and flowvars from the flow, pktvars from the packet.
func TestCapturedVarsAndEntropy(t *testing.T) {
	h := newMatchHarness(t, `
alert tcp-pkt any any -> any any (pcre:"/^(\w+)\/(\d\.\d)/, flow:ua,pkt:ver"; sid:1;)
alert tcp-pkt any any -> any any (flowvar:ua,"Moz"; sid:2;)
alert tcp-pkt any any -> any any (pktvar:ver,"5"; sid:3;)
alert tcp-pkt any any -> any any (entropy: value > 100; sid:4;)
alert tcp-pkt any any -> any any (pcre:"/^(\w+)\/(\d\.\d)/, flow:never"; content:"absent"; sid:5;)
`)
	f := tcpFlow(1)
	f.Reassembled = false
	h.frame(t, packetUnit(f, inspect.ToServer, "Mozilla/5.0"))
	h.frame(t, packetUnit(f, inspect.ToServer, "abab"))
	if err := h.e.Close(); err != nil {
		t.Fatal(err)
	}
	type meta struct {
		Entropy  map[string]float64  `json:"entropy"`
		Flowvars []map[string]string `json:"flowvars"`
		Pktvars  []map[string]string `json:"pktvars"`
	}
	var got []uint64
	var metas []meta
	for _, line := range bytes.Split(bytes.TrimSpace(h.out.Bytes()), []byte("\n")) {
		var ev struct {
			Alert struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			Metadata meta `json:"metadata"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.Alert.SID)
		metas = append(metas, ev.Metadata)
	}
	if !reflect.DeepEqual(got, []uint64{1, 2, 3, 2}) {
		t.Fatalf("alerts %v, want sids 1, 2, 3 then 2", got)
	}
	first := meta{Entropy: map[string]float64{"content": f.Floats[0].Value}, Flowvars: []map[string]string{{"ua": "Mozilla"}}, Pktvars: []map[string]string{{"ver": "5.0"}}}
	if metas[0].Entropy["content"] == 0 || !reflect.DeepEqual(metas[0], metas[1]) || metas[0].Flowvars[0]["ua"] != "Mozilla" || len(metas[0].Pktvars) != 1 {
		t.Errorf("first packet's metadata %+v %+v", metas[0], metas[1])
	}
	if last := metas[3]; last.Entropy["content"] != 1 || last.Pktvars != nil || !reflect.DeepEqual(last.Flowvars, first.Flowvars) {
		t.Errorf("second packet's metadata %+v: want entropy 1 (abab), the flow's ua, no pktvars", last)
	}
}
