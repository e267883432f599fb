package verify

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRequires(t *testing.T) {
	t.Setenv("RULEC_TEST_ENV_SET", "")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "present.lua"), nil, 0o644)
	for _, c := range []struct {
		r     Requires
		unmet bool
	}{
		{Requires{MinVersion: "8"}, false},
		{Requires{MinVersion: "8.0.5"}, false},
		{Requires{MinVersion: "7.0.12"}, false},
		{Requires{MinVersion: "9"}, true},
		{Requires{MinVersion: "8.1"}, true},
		{Requires{LtVersion: "8"}, true},
		{Requires{LtVersion: "8.0"}, true},
		{Requires{LtVersion: "9"}, false},
		{Requires{LtVersion: "8.0.7"}, true},
		{Requires{LtVersion: "8.1"}, false},
		{Requires{GtVersion: "6.0.11"}, false},
		{Requires{GtVersion: "8"}, false}, // "8" is 8.0.0 to the runner
		{Requires{GtVersion: "8.1"}, true},
		{Requires{Version: "8"}, false},
		{Requires{Version: "8.0"}, false},
		{Requires{Version: "7"}, true},
		{Requires{Version: "8.0.3"}, true},
		{Requires{Features: []string{"liblz4"}}, false},
		{Requires{Features: []string{"LIBLZ4"}}, true}, // names are case-sensitive
		{Requires{Features: []string{"GeoIP2"}}, true},
		{Requires{Features: []string{"QA_SIMULATION"}}, true},
		{Requires{Env: []string{"RULEC_TEST_ENV_SET"}}, false},
		{Requires{Env: []string{"RULEC_TEST_ENV_UNSET"}}, true},
		{Requires{Lambda: `sys.platform != "win32"`}, false},
		{Requires{Lambda: `sys.platform == "win32"`}, true},
		{Requires{Lambda: `os.getuid() == 0`}, true},
		{Requires{OS: "Linux"}, false},
		{Requires{OS: "darwin"}, true},
		{Requires{Arch: platform.machine}, false},
		{Requires{Arch: "sparc"}, true},
		{Requires{Script: []string{"grep IPV4_OPT_ESEC src/decode-ipv4.h"}}, false},
		{Requires{Features: []string{"HAVE_JA3"}}, false},
		{Requires{Features: []string{"ASAN"}}, true},
		{Requires{NotFeatures: map[string]any{"RUST": "reason"}}, true},
		{Requires{Files: []string{"present.lua"}}, false},
		{Requires{Files: []string{"absent.lua"}}, true},
	} {
		why, err := c.r.Unmet(dir)
		if err != nil || (why != "") != c.unmet {
			t.Errorf("%+v: unmet %q, %v; want unmet %v", c.r, why, err, c.unmet)
		}
	}
	if _, err := (&Requires{MinVersion: "eight"}).Unmet(dir); err == nil {
		t.Error("bad version accepted")
	}
}

func TestLoadRequiresAndPcap(t *testing.T) {
	dir := t.TempDir()
	yaml := `requires:
  min-version: 7
pcap: ../elsewhere/input.pcap
args:
  - -k none --set stream.inline=true
checks:
  - filter:
      count: 1
      match:
        event_type: alert
  - filter:
      requires:
        min-version: 9
      count: 2
      match:
        event_type: alert
  - filter:
      lt-version: 8
      count: 3
      match:
        event_type: alert
`
	os.WriteFile(filepath.Join(dir, "test.yaml"), []byte(yaml), 0o644)
	os.WriteFile(filepath.Join(dir, "input.pcap"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "other.pcap"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "test.rules"), nil, 0o644)
	tc, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if tc.Skip != "" || tc.Pcap != filepath.Join(dir, "input.pcap") || tc.Setting("stream.inline") != "true" || !tc.HasArg("-k") {
		t.Errorf("test = %+v", tc)
	}
	if len(tc.Checks) != 3 || tc.Checks[0].Skip != "" || tc.Checks[1].Skip == "" || tc.Checks[2].Skip == "" {
		t.Errorf("checks = %+v", tc.Checks)
	}
	eve := []byte(`{"event_type":"alert"}` + "\n")
	if fails, err := Evaluate(tc.Checks, eve); err != nil || len(fails) != 0 {
		t.Errorf("skipped checks evaluated: %v %v", fails, err)
	}
}

func TestMatchPaths(t *testing.T) {
	eve := []byte(`{"event_type":"dns","dns":{"queries":[{"rrname":"a.example"},{"rrname":"b.example"}],"flags":"8180"},"verdict":{"reject":["icmp-prohib"]}}` + "\n")
	for _, c := range []struct {
		match map[string]any
		count int
	}{
		{map[string]any{"dns.queries[1].rrname": "b.example"}, 1},
		{map[string]any{"dns.queries[2].rrname": "b.example"}, 0},
		{map[string]any{"dns.queries.__len": 2}, 1},
		{map[string]any{"has-key": "dns.flags"}, 1},
		{map[string]any{"has-key": "dns.answers"}, 0},
		{map[string]any{"not-has-key": "dns.answers"}, 1},
		{map[string]any{"not-has-key": "dns.flags"}, 0},
		{map[string]any{"has-key": []any{"dns.flags", "dns.queries"}}, 1},
		{map[string]any{"has-key": []any{"dns.flags", "dns.answers"}}, 0},
		{map[string]any{"not-has-key": []any{"dns.answers", "dns.authorities"}}, 1},
		{map[string]any{"not-has-key": []any{"dns.answers", "dns.flags"}}, 0},
		{map[string]any{"verdict.reject": []any{"icmp-prohib"}}, 1},
	} {
		if fails, err := Evaluate([]Check{{Count: c.count, Match: c.match}}, eve); err != nil || len(fails) != 0 {
			t.Errorf("%v: %v %v", c.match, fails, err)
		}
	}
}

// A pcap: path that leads to a file is the capture, as upstream's runner
// takes it, even when the test dir holds another of that base name; a
// path that leads nowhere is the copy under its base name.
func TestNamedPcapPath(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "group", "test")
	os.MkdirAll(dir, 0o755)
	os.MkdirAll(filepath.Join(root, "shared"), 0o755)
	os.WriteFile(filepath.Join(root, "shared", "input.pcap"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "input.pcap"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "test.rules"), nil, 0o644)
	for _, c := range []struct{ path, want string }{
		{"../../shared/input.pcap", filepath.Join(dir, "../../shared/input.pcap")},
		{"../../gone/input.pcap", filepath.Join(dir, "input.pcap")},
	} {
		os.WriteFile(filepath.Join(dir, "test.yaml"), []byte("pcap: "+c.path+"\nchecks: []\n"), 0o644)
		tc, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if tc.Pcap != c.want {
			t.Errorf("pcap %s: got %s, want %s", c.path, tc.Pcap, c.want)
		}
	}
}
