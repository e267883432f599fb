package match

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/runtime/inspect"
)

// compileRules compiles Suricata rule lines, failing on any diagnostic.
func compileRules(t testing.TB, lines ...string) []*ir.Rule {
	t.Helper()
	var src []byte
	for _, l := range lines {
		src = append(src, l...)
		src = append(src, '\n')
	}
	rules, diags, _ := suricata.New(vars.Defaults()).File("t.rules", src)
	if diags.Len() > 0 {
		t.Fatalf("compile: %v", diags)
	}
	if len(rules) != len(lines) {
		t.Fatalf("got %d rules from %d lines", len(rules), len(lines))
	}
	return rules
}

// packetUnit returns a packet unit of protocol proto with the given
// buffers.
func packetUnit(proto uint8, bufs map[string]string) *inspect.Unit {
	u := &inspect.Unit{Kind: inspect.KindPacket, Packet: &inspect.Packet{Proto: proto}}
	for name, b := range bufs {
		u.SetBuffer(name, []byte(b))
	}
	if p, ok := bufs["payload"]; ok {
		u.Packet.Payload = []byte(p)
	}
	return u
}

// appUnit returns an app-layer unit with the given buffers.
func appUnit(bufs map[string]string) *inspect.Unit {
	u := &inspect.Unit{Kind: inspect.KindApp}
	for name, b := range bufs {
		u.SetBuffer(name, []byte(b))
	}
	return u
}

// confirmEach confirms the candidates one by one without the prefilter:
// the oracle the prefilter-first paths are held to.
func (e *Engine) confirmEach(u *inspect.Unit, candidates []int) []int {
	uc := e.acquire(u)
	defer e.release(uc)
	var out []int
	for _, c := range candidates {
		if c < 0 || c >= len(e.rules) || e.rules[c] == nil {
			continue
		}
		if r := e.rules[c]; uc.admits(r) && uc.eval(r) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// groupMatch runs the group of the candidates, sorted.
func (e *Engine) groupMatch(u *inspect.Unit, candidates []int) []int {
	out := e.NewGroup(candidates).Match(u, nil)
	slices.Sort(out)
	return out
}
