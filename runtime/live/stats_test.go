package live

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/eve"
)

// TestMetricFamilies: under OpenMetrics a counter X_total is family X, so
// no other metric may be named X (rulec_dynamic_blocks_total and a gauge
// rulec_dynamic_blocks were one family).
func TestMetricFamilies(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMetrics(&b, &Snapshot{}); err != nil {
		t.Fatal(err)
	}
	families := map[string]string{}
	sc := bufio.NewScanner(&b)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 4 || f[0] != "#" || f[1] != "TYPE" {
			continue
		}
		family := f[2]
		if f[3] == "counter" {
			family = strings.TrimSuffix(family, "_total")
		}
		if prev, dup := families[family]; dup {
			t.Errorf("%s and %s are both family %s", prev, f[2], family)
		}
		families[family] = f[2]
	}
	if len(families) < 20 {
		t.Errorf("%d metric families", len(families))
	}
}

func TestSnapshotEVE(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := Snapshot{Time: start.Add(90 * time.Second), Started: start, Iface: "eth0", RingSize: 4096, Generation: 2}
	s.Kernel.Packets, s.Kernel.RingbufFull, s.Kernel.Bytes = 1000, 7, 64000
	s.Engine.Alerts = 3
	s.Engine.DecodeEvents = map[string]uint64{"vlan.too_many_layers": 2, "ipv4.frag_overlap": 1}
	s.Engine.Fragments, s.Engine.Reassembled = [2]uint64{5, 3}, [2]uint64{2, 1}
	var b bytes.Buffer
	w := eve.NewWriter(&b)
	if err := w.Write(s.EVE()); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	var rec struct {
		EventType string `json:"event_type"`
		InIface   string `json:"in_iface"`
		Stats     struct {
			Uptime  int64 `json:"uptime"`
			Capture struct {
				KernelPackets uint64 `json:"kernel_packets"`
				KernelDrops   uint64 `json:"kernel_drops"`
			} `json:"capture"`
			Decoder struct {
				Pkts, Bytes uint64
				Event       struct {
					VLAN struct {
						TooManyLayers uint64 `json:"too_many_layers"`
					} `json:"vlan"`
					IPv4 struct {
						FragOverlap uint64 `json:"frag_overlap"`
					} `json:"ipv4"`
				} `json:"event"`
			} `json:"decoder"`
			Defrag struct {
				IPv4, IPv6 struct {
					Fragments, Reassembled uint64
				}
			} `json:"defrag"`
			Detect struct {
				Alert uint64 `json:"alert"`
			} `json:"detect"`
			Rulec struct {
				Ring struct {
					Lost uint64 `json:"lost"`
					Size int    `json:"size"`
				} `json:"ring"`
			} `json:"rulec"`
		} `json:"stats"`
	}
	if err := json.Unmarshal(b.Bytes(), &rec); err != nil {
		t.Fatalf("%s: %v", b.Bytes(), err)
	}
	st := rec.Stats
	if rec.EventType != "stats" || rec.InIface != "eth0" || st.Uptime != 90 || st.Capture.KernelPackets != 1000 || st.Capture.KernelDrops != 7 ||
		st.Decoder.Pkts != 1000 || st.Decoder.Bytes != 64000 || st.Decoder.Event.VLAN.TooManyLayers != 2 || st.Decoder.Event.IPv4.FragOverlap != 1 ||
		st.Defrag.IPv4.Fragments != 5 || st.Defrag.IPv4.Reassembled != 2 || st.Defrag.IPv6.Fragments != 3 || st.Defrag.IPv6.Reassembled != 1 || st.Detect.Alert != 3 || st.Rulec.Ring.Lost != 7 || st.Rulec.Ring.Size != 4096 {
		t.Errorf("stats record %s", b.Bytes())
	}
}

func TestLossWarner(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	w := LossWarner{Every: 10 * time.Second}
	steps := []struct {
		at   time.Duration
		lost uint64
		want string // "" for no warning
	}{
		{0, 0, ""},
		{time.Second, 5, "5 classifier records lost since start (5 in all)"},
		{2 * time.Second, 9, ""}, // within 10s of the last warning
		{5 * time.Second, 20, ""},
		{11 * time.Second, 21, "16 classifier records lost in the last 10s (21 in all)"},
		{30 * time.Second, 21, ""}, // nothing new
		{31 * time.Second, 22, "1 classifier records lost in the last 20s (22 in all)"},
	}
	for _, s := range steps {
		snap := Snapshot{Time: t0.Add(s.at), RingSize: 4096}
		snap.Kernel.RingbufFull = s.lost
		msg, ok := w.Check(&snap)
		if ok != (s.want != "") || !strings.Contains(msg, s.want) {
			t.Errorf("at %v with %d lost: %q, %v; want %q", s.at, s.lost, msg, ok, s.want)
		}
	}
}

func TestWriteSummary(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := Snapshot{Time: start.Add(time.Minute), Started: start, Iface: "eth0", Generation: 1, ReadErrors: 2, LogDrops: 3}
	s.Kernel.Packets, s.Kernel.RingbufFull = 100, 7
	s.Engine.Limits = map[string]uint64{"flow_evicted": 4}
	var b bytes.Buffer
	s.WriteSummary(&b)
	for _, want := range []string{"summary: 1m0s on eth0", "packets 100", "lost: ring buffer 7 records, read errors 2", "log records 3", "limits: flow_evicted 4"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary %q has no %q", b.String(), want)
		}
	}
}

func TestParseRingSize(t *testing.T) {
	for in, want := range map[string]int{"4096": 4096, "16M": 16 << 20, "64KiB": 64 << 10, "1G": 1 << 30, "8K": 8 << 10} {
		if n, err := ParseRingSize(in); err != nil || n != want {
			t.Errorf("%q: %d, %v; want %d", in, n, err, want)
		}
	}
	for _, in := range []string{"", "x", "3M", "100", "2G", "-4K", "1024"} {
		if n, err := ParseRingSize(in); err == nil {
			t.Errorf("%q: %d, want an error", in, n)
		}
	}
}

// The classifier's DNS outcomes and the copies by reason are metrics.
func TestMetricsDNSAndCopyReasons(t *testing.T) {
	s := Snapshot{}
	s.Kernel.DNSQueries, s.Kernel.DNSTCP = 5, 3
	s.Engine.CopiedPackets = map[string]uint64{"app_undecided": 2}
	s.Engine.CopiedBytes = map[string]uint64{"app_undecided": 180}
	var b bytes.Buffer
	if err := WriteMetrics(&b, &s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`rulec_dns_total{outcome="decided"} 5`, `rulec_dns_total{outcome="tcp"} 3`,
		`rulec_copies_by_reason_total{reason="app_undecided"} 2`, `rulec_copied_bytes_by_reason_total{reason="app_undecided"} 180`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// The classifier's flow map and bypass counters are metrics and EVE stats.
func TestMetricsKernelFlows(t *testing.T) {
	s := Snapshot{}
	s.Kernel.Flows, s.Kernel.FlowReused, s.Kernel.FlowMidstream, s.Kernel.FlowMapFull = 9, 2, 3, 1
	s.Kernel.Bypassed, s.Kernel.BypassedBytes, s.Engine.BypassedDirs = 5, 700, 1
	var b bytes.Buffer
	if err := WriteMetrics(&b, &s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`rulec_kernel_flows_total{outcome="new"} 9`, `rulec_kernel_flows_total{outcome="reused"} 2`,
		`rulec_kernel_flows_total{outcome="midstream"} 3`, `rulec_kernel_flows_total{outcome="map_full"} 1`,
		`rulec_kernel_bypassed_packets_total 5`, `rulec_kernel_bypassed_bytes_total 700`, `rulec_bypassed_directions_total 1`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	flows := s.EVE().Sections["stats"]["rulec"].(map[string]any)["classifier"].(map[string]any)["flows"]
	if got, want := fmt.Sprint(flows), "map[map_full:1 midstream:3 new:9 reused:2]"; got != want {
		t.Errorf("EVE stats flows %s, want %s", got, want)
	}
}

// The classifier's tls.sni outcomes are metrics and EVE stats.
func TestMetricsKernelTLS(t *testing.T) {
	s := Snapshot{}
	k := &s.Kernel
	k.TLSFlows, k.TLSHellos, k.TLSSplit, k.TLSRecords, k.TLSLate, k.TLSOdd = 7, 4, 2, 1, 3, 5
	var b bytes.Buffer
	if err := WriteMetrics(&b, &s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`rulec_tls_total{outcome="flows"} 7`, `rulec_tls_total{outcome="decided"} 4`, `rulec_tls_total{outcome="split"} 2`,
		`rulec_tls_total{outcome="records"} 1`, `rulec_tls_total{outcome="late"} 3`, `rulec_tls_total{outcome="odd"} 5`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	tls := s.EVE().Sections["stats"]["rulec"].(map[string]any)["classifier"].(map[string]any)["tls"]
	if got, want := fmt.Sprint(tls), "map[decided:4 flows:7 late:3 odd:5 records:1 split:2]"; got != want {
		t.Errorf("EVE stats tls %s, want %s", got, want)
	}
}

// The candidate slots the classifier visits and its DNS outcomes are
// metrics and EVE stats.
func TestStatsKernelCandidatesAndDNS(t *testing.T) {
	s := Snapshot{}
	k := &s.Kernel
	k.Candidates, k.NoCandidates = 4096, 12
	k.DNSQueries, k.DNSTCP, k.DNSOtherPort, k.DNSCompressed, k.DNSQuestions, k.DNSRecords, k.DNSMalformed = 90, 1, 2, 3, 4, 5, 6
	var b bytes.Buffer
	if err := WriteMetrics(&b, &s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "rulec_candidate_slots_total 4096\n") {
		t.Errorf("metrics lack the candidate slots:\n%s", b.String())
	}
	cl := s.EVE().Sections["stats"]["rulec"].(map[string]any)["classifier"].(map[string]any)
	if got, want := fmt.Sprint(cl["candidates"]), "map[none:12 visited:4096]"; got != want {
		t.Errorf("EVE stats candidates %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(cl["dns"]), "map[compressed:3 decided:90 malformed:6 other_port:2 questions:4 records:5 tcp:1]"; got != want {
		t.Errorf("EVE stats dns %s, want %s", got, want)
	}
}
