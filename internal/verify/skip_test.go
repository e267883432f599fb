package verify

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadYAML(t *testing.T, yaml string, files ...string) *Test {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "test.yaml"), []byte(yaml), 0o644)
	for _, f := range files {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	tc, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

const oneCheck = "checks:\n  - filter:\n      count: 1\n      match:\n        event_type: alert\n"

// The skip: section skips on the runner's uid or one of the build's
// features, or always when it is true.
func TestSkipSection(t *testing.T) {
	for _, c := range []struct {
		skip string
		want string
	}{
		{fmt.Sprintf("skip:\n  - uid: %d\n    msg: not as this user\n", os.Getuid()), "not as this user"},
		{fmt.Sprintf("skip:\n  - uid: %d\n", os.Getuid()+1), ""},
		{"skip:\n  - feature: HAVE_JA4\n", "not for feature HAVE_JA4"},
		{"skip:\n  - feature: FUZZ\n", ""},
		{"skip: true\n", "skipped by default"},
		{"skip: false\n", ""},
	} {
		tc := loadYAML(t, c.skip+oneCheck, "input.pcap")
		if tc.Skip != c.want {
			t.Errorf("%q: skip %q, want %q", c.skip, tc.Skip, c.want)
		}
	}
}

// A test whose every check is skipped is skipped, as the runner counts
// it; one with a check left runs.
func TestAllChecksSkipped(t *testing.T) {
	all := "checks:\n  - filter:\n      requires:\n        min-version: 9\n      count: 1\n      match:\n        event_type: alert\n" +
		"  - shell:\n      requires:\n        lt-version: 8\n      args: test -f eve.json\n"
	if tc := loadYAML(t, all, "input.pcap"); !strings.HasPrefix(tc.Skip, "every check skipped") {
		t.Errorf("all checks skipped: test skip %q", tc.Skip)
	}
	if tc := loadYAML(t, all+oneCheck[len("checks:\n"):], "input.pcap"); tc.Skip != "" {
		t.Errorf("one check left: test skip %q", tc.Skip)
	}
}

// Without a capture the runner skips the test, unless requires pcap
// (or the pcap key) is false.
func TestNoCapture(t *testing.T) {
	if tc := loadYAML(t, oneCheck); tc.Skip != "No pcap file found" {
		t.Errorf("no capture: skip %q", tc.Skip)
	}
	if tc := loadYAML(t, "requires:\n  pcap: false\n"+oneCheck); tc.Skip != "" {
		t.Errorf("pcap not required: skip %q", tc.Skip)
	}
	if tc := loadYAML(t, "pcap: false\n"+oneCheck); tc.Skip != "" {
		t.Errorf("pcap: false: skip %q", tc.Skip)
	}
}

// A rules: key picks the one file loaded, or none; a lone
// min<version>.rules loads only on a build of that version.
func TestRuleFiles(t *testing.T) {
	tc := loadYAML(t, "rules: b.rules\n"+oneCheck, "input.pcap", "a.rules", "b.rules")
	if len(tc.Rules) != 1 || filepath.Base(tc.Rules[0]) != "b.rules" {
		t.Errorf("rules key: %v", tc.Rules)
	}
	if tc := loadYAML(t, "rules:\n"+oneCheck, "input.pcap", "a.rules"); len(tc.Rules) != 0 {
		t.Errorf("empty rules key: %v", tc.Rules)
	}
	if tc := loadYAML(t, oneCheck, "input.pcap", "min9.0.rules"); len(tc.Rules) != 0 {
		t.Errorf("min9.0.rules loaded on 8.0: %v", tc.Rules)
	}
	if tc := loadYAML(t, oneCheck, "input.pcap", "min8.0.rules"); len(tc.Rules) != 1 {
		t.Errorf("min8.0.rules not loaded on 8.0: %v", tc.Rules)
	}
	if tc := loadYAML(t, oneCheck, "input.pcap", "minimal.rules"); len(tc.Rules) != 1 {
		t.Errorf("minimal.rules not loaded: %v", tc.Rules)
	}
}
