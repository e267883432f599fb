package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/internal/demo"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// alertKey is what must not depend on the number of workers.
type alertKey struct {
	SID      uint64
	PcapCnt  uint64
	Src, Dst string
	Tier     string
}

// runWorkers runs o on a capture with n workers and returns the alerts,
// sorted (EVE lines come in the order the workers write them), checking
// that every EVE line is one JSON object.
func runWorkers(t *testing.T, o *object.Object, pcap string, n int) []alertKey {
	t.Helper()
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Workers: n})
	if err != nil {
		t.Fatal(err)
	}
	if p.Workers() != n {
		t.Fatalf("%d workers, want %d", p.Workers(), n)
	}
	if err := p.RunPcap(pcap, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if cpu := p.WorkerCPU(); len(cpu) != n {
		t.Errorf("CPU times of %d workers, want %d", len(cpu), n)
	}
	var got []alertKey
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var ev struct {
			PcapCnt uint64 `json:"pcap_cnt"`
			Src     string `json:"src_ip"`
			Dst     string `json:"dest_ip"`
			Type    string `json:"event_type"`
			Alert   struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			Rulec struct {
				Tier string `json:"tier"`
			} `json:"rulec"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("EVE line %q: %v", line, err)
		}
		if ev.Type == "alert" {
			got = append(got, alertKey{ev.Alert.SID, ev.PcapCnt, ev.Src, ev.Dst, ev.Rulec.Tier})
		}
	}
	if st := p.Stats(); st.Alerts != uint64(len(got)) {
		t.Errorf("summary counts %d alerts, EVE has %d", st.Alerts, len(got))
	}
	slices.SortFunc(got, func(a, b alertKey) int {
		if a.PcapCnt != b.PcapCnt {
			return int(a.PcapCnt) - int(b.PcapCnt)
		}
		return int(a.SID) - int(b.SID)
	})
	return got
}

// sharedStateRules alert on state the workers share: thresholds by rule
// and by host, and xbits set in one flow and read in another.
const sharedStateRules = `alert tcp any any -> any any (msg:"first SYNs"; flow:stateless; flags:S; threshold:type limit, track by_rule, count 3, seconds 3600; sid:8000001;)
alert udp any any -> any 53 (msg:"every 4th query by host"; content:"|01 00|"; offset:2; depth:2; threshold:type threshold, track by_src, count 4, seconds 3600; sid:8000002;)
alert tcp any any -> any any (msg:"host seen"; flow:to_server; content:"GET"; xbits:set,seen,track ip_src,expire 3600; noalert; sid:8000003;)
alert udp any any -> any any (msg:"query from a host seen on the web"; xbits:isset,seen,track ip_src; sid:8000004;)
`

func TestWorkersSameAlerts(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "shared.rules")
	if err := os.WriteFile(rules, []byte(sharedStateRules), 0o600); err != nil {
		t.Fatal(err)
	}
	pcap := demo.File(t)
	o := compileObject(t, filepath.Join("..", "..", "rules"), rules)
	one := runWorkers(t, o, pcap, 1)
	shared := map[uint64]int{}
	for _, a := range one {
		shared[a.SID]++
	}
	if shared[8000001] != 3 || shared[8000002] == 0 || shared[8000004] == 0 || len(one) < 30 {
		t.Fatalf("one worker: alerts by sid %v of %d: the shared-state rules are not exercised", shared, len(one))
	}
	for _, n := range []int{2, 3, 5} {
		if got := runWorkers(t, o, pcap, n); !slices.Equal(got, one) {
			t.Errorf("%d workers: %d alerts differ from one worker's %d:\n%v\n%v", n, len(got), len(one), diffKeys(got, one), diffKeys(one, got))
		}
	}
}

func TestWorkersSameAlertsMixed(t *testing.T) {
	pcap := filepath.Join(corpus.Dir(t, "traffic"), "mixed.pcap")
	o := compileObject(t, filepath.Join("..", "..", "rules"))
	one := runWorkers(t, o, pcap, 1)
	if len(one) == 0 {
		t.Fatal("no alerts")
	}
	if two := runWorkers(t, o, pcap, 2); !slices.Equal(two, one) {
		t.Errorf("2 workers: %d alerts, one worker %d:\n%v", len(two), len(one), diffKeys(two, one))
	}
}

func diffKeys(a, b []alertKey) string {
	var s []string
	for _, k := range a {
		if !slices.Contains(b, k) {
			s = append(s, fmt.Sprint(k))
		}
	}
	return fmt.Sprint(s)
}

// TestWorkersSameRecordsIPS: in IPS mode with flow and drop records, the
// EVE output (in any order) is the same whatever the number of workers.
func TestWorkersSameRecordsIPS(t *testing.T) {
	pcap := demo.File(t)
	o := compileObject(t, filepath.Join("..", "..", "rules"))
	records := func(n int) []string {
		var out bytes.Buffer
		runConfig(t, o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Workers: n, IPS: true,
			Records: eve.Types{"alert": true, "drop": true, "flow": true}}, pcap)
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		slices.Sort(lines)
		return lines
	}
	one := records(1)
	kinds := map[string]bool{}
	for _, l := range one {
		for _, k := range []string{`"event_type":"alert"`, `"event_type":"drop"`, `"event_type":"flow"`} {
			kinds[k] = kinds[k] || strings.Contains(l, k)
		}
	}
	if len(kinds) != 3 || !kinds[`"event_type":"drop"`] || !kinds[`"event_type":"flow"`] || !kinds[`"event_type":"alert"`] {
		t.Fatalf("records of one worker lack a kind: %v", kinds)
	}
	if three := records(3); !slices.Equal(three, one) {
		t.Errorf("3 workers: %d records, one worker %d", len(three), len(one))
	}
}
