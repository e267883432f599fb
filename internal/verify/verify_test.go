package verify

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
)

func TestEvaluate(t *testing.T) {
	eve := []byte(`{"event_type":"alert","pcap_cnt":5,"alert":{"signature_id":1}}
{"event_type":"alert","pcap_cnt":6,"alert":{"signature_id":1}}
{"event_type":"alert","alert":{"signature_id":2}}
{"event_type":"http"}
`)
	checks := []Check{
		{Count: 2, Match: map[string]any{"event_type": "alert", "alert.signature_id": 1}},
		{Count: 1, Match: map[string]any{"event_type": "alert", "alert.signature_id": 1, "pcap_cnt": 5}},
		{Count: 0, Match: map[string]any{"alert.signature_id": 3}},
		{Count: 1, Match: map[string]any{"alert.signature_id": 2}},
	}
	fails, err := Evaluate(checks, eve)
	if err != nil || len(fails) != 0 {
		t.Fatalf("fails %v err %v", fails, err)
	}
	fails, _ = Evaluate([]Check{{Count: 1, Match: map[string]any{"alert.signature_id": 1}}, {Other: "shell"}}, eve)
	if len(fails) != 2 || fails[0] != "alert.signature_id=1: got 2, want 1" {
		t.Errorf("fails = %q", fails)
	}
}

func TestFindCorpus(t *testing.T) {
	tests, err := Find(corpus.Dir(t, "suricata-verify"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) != 246 {
		t.Errorf("found %d tests, want 246", len(tests))
	}
	for _, tc := range tests {
		if tc.Pcap == "" || len(tc.Rules) == 0 || len(tc.Checks) == 0 {
			t.Errorf("%s: pcap %q rules %v checks %d", tc.Name, tc.Pcap, tc.Rules, len(tc.Checks))
		}
	}
}

func TestSMTPSettings(t *testing.T) {
	dir := t.TempDir()
	yaml := "app-layer:\n  protocols:\n    smtp:\n      mime:\n        decode-base64: no\n        extract-urls-schemes: [http, https]\n"
	os.WriteFile(filepath.Join(dir, "suricata.yaml"), []byte(yaml), 0o644)
	got, err := (&Test{Vars: filepath.Join(dir, "suricata.yaml")}).Settings()
	want := [][2]string{{"app-layer.protocols.smtp.mime.decode-base64", "no"}, {"app-layer.protocols.smtp.mime.extract-urls-schemes", "http,https"}}
	if err != nil || !reflect.DeepEqual(got[:2], want) {
		t.Errorf("settings %q, %v", got, err)
	}
}

// TestFlowTimeoutSettings: a test's own suricata.yaml runs with the flow
// timeouts it sets and Suricata's built-in ones for the rest (a closed
// TCP flow times out after 10 s, not the default suricata.yaml's 60 s);
// without one, nothing is set (flow.DefaultConfig is that file's).
func TestFlowTimeoutSettings(t *testing.T) {
	dir := t.TempDir()
	yaml := "flow-timeouts:\n  tcp:\n    established: 20\n"
	os.WriteFile(filepath.Join(dir, "suricata.yaml"), []byte(yaml), 0o644)
	got, err := (&Test{Vars: filepath.Join(dir, "suricata.yaml")}).Settings()
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]string{}
	for _, kv := range got {
		set[kv[0]] = kv[1]
	}
	if set["flow-timeouts.tcp.established"] != "20" || set["flow-timeouts.tcp.closed"] != "10" || set["flow-timeouts.tcp.new"] != "30" {
		t.Errorf("settings %q", got)
	}
	if got, err := (&Test{}).Settings(); len(got) != 0 || err != nil {
		t.Errorf("no suricata.yaml: %q, %v", got, err)
	}
}

func TestSMTPCustom(t *testing.T) {
	dir := t.TempDir()
	yaml := "outputs:\n  - eve-log:\n      types:\n        - alert\n        - smtp:\n            custom: [date, x-mailer]\n"
	os.WriteFile(filepath.Join(dir, "suricata.yaml"), []byte(yaml), 0o644)
	got, err := (&Test{Vars: filepath.Join(dir, "suricata.yaml")}).SMTPCustom()
	if err != nil || got != "date x-mailer" {
		t.Errorf("custom %q, %v", got, err)
	}
}

func TestXFFSetting(t *testing.T) {
	dir := t.TempDir()
	yaml := "outputs:\n  - eve-log:\n      types:\n        - metadata\n        - alert:\n            xff:\n              enabled: yes\n              mode: overwrite\n              deployment: reverse\n"
	os.WriteFile(filepath.Join(dir, "suricata.yaml"), []byte(yaml), 0o644)
	x, err := (&Test{Vars: filepath.Join(dir, "suricata.yaml")}).XFF()
	if err != nil || x == nil || x.Mode != "overwrite" || x.Deployment != "reverse" {
		t.Errorf("xff = %+v, %v", x, err)
	}
	if x, err := (&Test{}).XFF(); x != nil || err != nil {
		t.Errorf("no suricata.yaml: %+v, %v", x, err)
	}
}

// TestIPSMode: a test runs inline with --simulate-ips, or when its
// folder's name contains "ips", as suricata-verify's runner decides.
func TestIPSMode(t *testing.T) {
	for _, c := range []struct {
		dir  string
		args []string
		want bool
	}{
		{"tests/flowbits-prefilter-01", []string{"-k", "none", "--simulate-ips"}, true},
		{"tests/policy/exception-policy-ips-midstream-disabled-drop-flow", []string{"--set", "stream.midstream=false"}, true},
		{"tests/bug-5464-verdict-06", []string{"--set", "stream.midstream=true"}, false},
		{"tests/ips/firewall-01", nil, false},
	} {
		tt := &Test{Dir: c.dir, Args: c.args}
		if got := tt.IPS(); got != c.want {
			t.Errorf("%s %v: IPS %v, want %v", c.dir, c.args, got, c.want)
		}
	}
}
