package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"sort"
	"testing"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/demo"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/kernel"
)

// compileObject compiles rule files and folders into an object for this
// binary's classifier.
func compileObject(t *testing.T, paths ...string) *object.Object {
	t.Helper()
	res, err := compiler.Compile(paths, compiler.Options{})
	if err != nil || res.Tally.Errors > 0 {
		t.Fatalf("compile %v: %v %+v", paths, err, res.Tally)
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// runDemo runs o on the demo capture and returns the EVE output.
func runDemo(t *testing.T, o *object.Object, kernelTier string) []byte {
	t.Helper()
	pcap := demo.File(t)
	return runPcap(t, o, pcap, kernelTier)
}

// runPcap runs o on the capture at path and returns the EVE output; a
// rule the runtime leaves out fails t.
func runPcap(t *testing.T, o *object.Object, path, kernelTier string) []byte {
	t.Helper()
	var eve bytes.Buffer
	p := runConfig(t, o, Config{Kernel: kernelTier, Flow: flow.DefaultConfig(), EVE: &eve, Offline: true}, path)
	for _, s := range p.Engine.Skipped() {
		t.Errorf("%v: sid %d skipped: %s", s.Rule.Pos, s.Rule.Meta.SID, s.Reason)
	}
	return eve.Bytes()
}

// runConfig opens a pipeline of o with c, runs the capture at path on it
// and closes it; any error fails t.
func runConfig(t *testing.T, o *object.Object, c Config, path string) *Pipeline {
	t.Helper()
	p, err := Open(o, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.RunPcap(path, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// demoAlerts runs the default rules on the demo capture and returns the
// alert count per sid and per tier.
func demoAlerts(t *testing.T, kernelTier string) (map[uint64]int, map[string]int) {
	t.Helper()
	eve := runDemo(t, compileObject(t, filepath.Join("..", "..", "rules")), kernelTier)
	sids, tiers := map[uint64]int{}, map[string]int{}
	for _, line := range bytes.Split(bytes.TrimSpace(eve), []byte("\n")) {
		var ev struct {
			Alert struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			Rulec struct {
				Tier string `json:"tier"`
			} `json:"rulec"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		sids[ev.Alert.SID]++
		tiers[ev.Rulec.Tier]++
	}
	return sids, tiers
}

// TestDemoBothTiers: every default rule fires on the demo traffic, the
// same way through the real classifier and the reference evaluator.
func TestDemoBothTiers(t *testing.T) {
	ref, refTiers := demoAlerts(t, KernelReference)
	want := []uint64{9000001, 9000002, 9000003, 9000004, 9000005, 9000006, 9000007,
		9001001, 9001002, 9001003, 9001005, 9001006, 9002001, 9002002, 9002003}
	var got []uint64
	for sid := range ref {
		got = append(got, sid)
	}
	sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
	if len(got) != len(want) {
		t.Errorf("sids %v, want %v", got, want)
	}
	for _, sid := range want {
		if sid != 9001006 && ref[sid] != 1 {
			t.Errorf("sid %d fired %d times, want once", sid, ref[sid])
		}
	}
	if refTiers["kernel"] == 0 || refTiers["userspace"] == 0 {
		t.Errorf("tiers %v: want alerts from both", refTiers)
	}
	bpftest.Require(t)
	real, _ := demoAlerts(t, KernelBPF)
	for sid, n := range ref {
		if real[sid] != n {
			t.Errorf("sid %d: bpf %d alerts, reference %d", sid, real[sid], n)
		}
	}
}

func TestStaleObjectRefused(t *testing.T) {
	o := &object.Object{BPF: []byte("another classifier")}
	if _, err := Open(o, Config{Kernel: KernelReference}); !errors.Is(err, ErrStale) {
		t.Errorf("err = %v, want ErrStale", err)
	}
}

// TestRefusedTablesNoFallback: tables the loader refuses are an error in
// auto mode too, not "BPF unavailable" with the reference evaluator
// running the same tables.
func TestRefusedTablesNoFallback(t *testing.T) {
	o := compileObject(t, "../../rules")
	o.Kernel.Items[0].Pattern = make([]byte, 200)
	for _, choice := range []string{KernelAuto, KernelBPF} {
		p, err := Open(o, Config{Kernel: choice, Offline: true})
		if err == nil {
			p.Close()
			t.Fatalf("%s: opened (%s), want the tables refused", choice, p.KernelName)
		}
		if !errors.Is(err, kernel.ErrTables) {
			t.Errorf("%s: err = %v, want kernel.ErrTables", choice, err)
		}
	}
}
