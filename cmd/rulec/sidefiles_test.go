package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

// echoPcap writes ICMP echo requests with payload "ping", n from each
// source in turn.
func echoPcap(t *testing.T, path string, n int, srcs ...string) {
	t.Helper()
	var frames [][]byte
	for _, s := range srcs {
		for range n {
			frames = append(frames, pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr(s), Dst: netip.MustParseAddr("192.0.2.1"), Proto: 1, IType: 8, Payload: []byte("ping")}))
		}
	}
	if err := pktgen.WritePcap(path, frames); err != nil {
		t.Fatal(err)
	}
}

type sideAlert struct {
	PcapCnt int    `json:"pcap_cnt"`
	Src     string `json:"src_ip"`
	Alert   struct {
		SID      uint64 `json:"signature_id"`
		Action   string `json:"action"`
		Category string `json:"category"`
		Severity int    `json:"severity"`
	} `json:"alert"`
	Rulec struct {
		Tier string `json:"tier"`
	} `json:"rulec"`
}

// TestSideFilesApplyInBothTiers runs rules with a threshold.config and a
// classification.config named by a suricata.yaml: a suppress by source
// stops the alerts of a kernel-tier rule and of a userspace one alike, a
// threshold.config limit keeps an alert rule in the kernel and counts per
// source there, a suppressed match is not counted by a threshold, a
// rate_filter turns the rule's action to reject past its count, and the
// custom classtype gives category and severity.
func TestSideFilesApplyInBothTiers(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rules := write("t.rules", `alert icmp any any -> any any (msg:"kernel"; itype:8; sid:1;)
alert icmp any any -> any any (msg:"user"; itype:8; pcre:"/pi.g/"; sid:2;)
alert icmp any any -> any any (msg:"limited"; itype:8; classtype:my-class; sid:3;)
alert icmp any any -> any any (msg:"rated"; itype:8; dsize:4; sid:4;)
alert icmp any any -> any any (msg:"kernel once"; itype:8; icode:0; sid:5;)
alert icmp any any -> any any (msg:"user once"; itype:8; pcre:"/ping/"; sid:6;)
`)
	th := write("threshold.config", `suppress gen_id 1, sig_id 1, track by_src, ip $NOISY
suppress gen_id 1, sig_id 2, track by_either, ip [10.0.0.1]
threshold gen_id 1, sig_id 3, type limit, track by_src, count 1, seconds 60
this line is wrong
rate_filter gen_id 1, sig_id 4, track by_src, count 2, seconds 60, new_action reject, timeout 60
suppress gen_id 1, sig_id 5, track by_src, ip 10.0.0.1
threshold gen_id 1, sig_id 5, type limit, track by_rule, count 1, seconds 600
suppress gen_id 1, sig_id 6, track by_src, ip 10.0.0.1
event_filter gen_id 1, sig_id 6, type limit, track by_rule, count 1, seconds 600
`)
	cl := write("classification.config", "config classification: my-class,My Class,2\n")
	yml := write("suricata.yaml", fmt.Sprintf("vars:\n  address-groups:\n    NOISY: \"10.0.0.1\"\nthreshold-file: %s\nclassification-file: %s\n", th, cl))
	pcap := filepath.Join(dir, "echo.pcap")
	echoPcap(t, pcap, 3, "10.0.0.1", "10.0.0.2")

	out, _, code := runCLI(t, "check", "-v", "--vars", yml, rules)
	if code != 0 || !strings.Contains(out, "threshold.config:4:1: unknown directive \"this\"") {
		t.Fatalf("check exit %d:\n%s", code, out)
	}
	for _, sid := range []string{"1:1: sid 1", "3:1: sid 3", "5:1: sid 5"} {
		if strings.Contains(out, sid+": userspace") {
			t.Errorf("sid %s must stay in the kernel (alert rule, suppress and threshold filter alerts only):\n%s", sid, out)
		}
	}
	if !strings.Contains(out, "t.rules:4:1: sid 4: userspace: rate_filter needs counters before the rule's alert action") {
		t.Errorf("sid 4 must go to userspace for its rate_filter:\n%s", out)
	}

	eveFile := filepath.Join(dir, "eve.json")
	if _, errOut, code := runCLI(t, "run", rules, "--vars", yml, "--kernel", "reference", "--workers", "1", "--pcap", pcap, "--eve", eveFile); code != 0 {
		t.Fatalf("run exit %d: %s", code, errOut)
	}
	f, err := os.Open(eveFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[uint64][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var a sideAlert
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil || a.Alert.SID == 0 {
			continue
		}
		got[a.Alert.SID] = append(got[a.Alert.SID], fmt.Sprintf("%d %s %s %s", a.PcapCnt, a.Src, a.Alert.Action, a.Rulec.Tier))
		if a.Alert.SID == 3 && (a.Alert.Category != "My Class" || a.Alert.Severity != 2) {
			t.Errorf("sid 3 category %q severity %d, want My Class and 2", a.Alert.Category, a.Alert.Severity)
		}
	}
	want := map[uint64][]string{
		1: {"4 10.0.0.2 allowed kernel", "5 10.0.0.2 allowed kernel", "6 10.0.0.2 allowed kernel"},
		2: {"4 10.0.0.2 allowed userspace", "5 10.0.0.2 allowed userspace", "6 10.0.0.2 allowed userspace"},
		3: {"1 10.0.0.1 allowed kernel", "4 10.0.0.2 allowed kernel"},
		4: {"1 10.0.0.1 allowed userspace", "2 10.0.0.1 allowed userspace", "3 10.0.0.1 blocked userspace",
			"4 10.0.0.2 allowed userspace", "5 10.0.0.2 allowed userspace", "6 10.0.0.2 blocked userspace"},
		// suppressed matches are not counted (Suricata checks suppress first)
		5: {"4 10.0.0.2 allowed kernel"},
		6: {"4 10.0.0.2 allowed userspace"},
	}
	for sid, w := range want {
		if strings.Join(got[sid], "; ") != strings.Join(w, "; ") {
			t.Errorf("sid %d alerts:\n got %q\nwant %q", sid, got[sid], w)
		}
	}
}

func TestSideFilesRefusedWithAnObject(t *testing.T) {
	dir := writeRules(t, "alert icmp any any -> any any (msg:\"k\"; itype:8; sid:1;)\n")
	obj := filepath.Join(dir, "r.rco")
	if _, errOut, code := runCLI(t, "compile", dir, "-o", obj); code != 0 {
		t.Fatalf("compile: %s", errOut)
	}
	_, errOut, code := runCLI(t, "run", obj, "--pcap", os.DevNull, "--threshold-file", filepath.Join(dir, "threshold.config"))
	if code != 2 || !strings.Contains(errOut, "side files apply when rules are compiled") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
