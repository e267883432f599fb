package live

import (
	"net/netip"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/attach"
	"github.com/rulec/rulec/runtime/block"
	"github.com/rulec/rulec/runtime/flow"
)

func TestExampleConfig(t *testing.T) {
	f, err := LoadFile(filepath.Join("..", "..", "docs", "rulec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Thresholds: map[string]block.Threshold{"high": {Count: 2, Window: time.Second, TTL: time.Second}}, Flow: flow.DefaultConfig()}
	if err := f.Apply(&cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Flow.HTTPMemcap = 0
	if err := f.ApplySettings(&cfg.Flow); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"interface", cfg.Iface == "eth0"},
		{"direction", cfg.Direction == attach.Both},
		{"attach", cfg.Attach == attach.Auto},
		{"stats", f.Stats == 10*time.Second},
		{"metrics", f.MetricsAddr == "127.0.0.1:9464"},
		{"severity", cfg.Severity.Name(2) == "high"},
		{"file threshold", cfg.Thresholds["critical"] == block.Threshold{Count: 1, Window: time.Minute, TTL: 10 * time.Minute}},
		{"flag threshold wins", cfg.Thresholds["high"].Count == 2},
		{"allow", slices.Equal(cfg.Allow, []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32"), netip.MustParsePrefix("192.168.10.0/24")})},
		{"block", slices.Equal(cfg.Block, []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")})},
		{"port blocks", slices.Equal(cfg.PortBlocks, []PortBlock{{6, 23}, {6, 445}, {17, 445}})},
		{"vars", f.Vars != nil && f.Vars.Port["HTTP_PORTS"] == "[80,8080]"},
		{"set", cfg.Flow.HTTPMemcap == 64<<20 && cfg.Flow.HTTP.FieldLimit == 18<<10 && cfg.Flow.TCPTimeouts.EmergencyNew == 5*time.Second},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: %+v / %+v", c.name, cfg, f)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		err  error
	}{
		{"threshold", func() error { _, _, err := ParseThreshold("urgent=1/1s/1s"); return err }()},
		{"threshold shape", func() error { _, _, err := ParseThreshold("high=1/1s"); return err }()},
		{"zero count", func() error { _, _, err := ParseThreshold("high=0/1s/1s"); return err }()},
		{"port proto", func() error { _, err := ParsePortBlock("icmp/1"); return err }()},
		{"port number", func() error { _, err := ParsePortBlock("tcp/70000"); return err }()},
		{"prefix", func() error { _, err := ParsePrefixes([]string{"10.0.0.300"}); return err }()},
		{"metrics not loopback", func() error { _, err := ListenMetrics("0.0.0.0:0", false); return err }()},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	name, th, err := ParseThreshold("high=5/60s/10m")
	if err != nil || name != "high" || th != (block.Threshold{Count: 5, Window: time.Minute, TTL: 10 * time.Minute}) {
		t.Errorf("ParseThreshold: %s %+v %v", name, th, err)
	}
}
