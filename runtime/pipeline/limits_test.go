package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/demo"
	"github.com/rulec/rulec/runtime/flow"
)

// What the tracker's bounds cut short reaches the engine's counters and
// the run summary.
func TestLimitsInSummary(t *testing.T) {
	o := compileObject(t, filepath.Join("..", "..", "rules"))
	pcap := filepath.Join(t.TempDir(), "demo.pcap")
	f, _ := os.Create(pcap)
	if err := demo.Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fc := flow.DefaultConfig()
	fc.MaxFlows = 1
	p, err := Open(o, Config{Kernel: KernelReference, Flow: fc, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.RunPcap(pcap, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	st := p.Engine.Stats()
	if st.Limits["flow_evicted"] == 0 {
		t.Fatalf("limits %v: no eviction counted with a table of one flow", st.Limits)
	}
	var out bytes.Buffer
	st.WriteTable(&out, time.Second)
	if !strings.Contains(out.String(), "flow_evicted") {
		t.Errorf("summary without evictions:\n%s", out.String())
	}
}
