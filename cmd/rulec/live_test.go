package main

import (
	"strings"
	"testing"
)

func TestLiveUsage(t *testing.T) {
	rules := writeRules(t, "alert udp any any -> any 53 (msg:\"a\"; sid:1;)\n")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"neither pcap nor iface", []string{"run", rules}, 2, "either --pcap FILE or --iface IF"},
		{"both pcap and iface", []string{"run", rules, "--pcap", "x.pcap", "--iface", "lo"}, 2, "either --pcap FILE or --iface IF"},
		{"bad direction", []string{"run", rules, "--iface", "lo", "--direction", "sideways"}, 2, "want ingress, egress or both"},
		{"bad threshold", []string{"run", rules, "--iface", "lo", "--threshold", "high=5/60s"}, 2, "SEVERITY=COUNT/WINDOW/TTL"},
		{"bad ring size", []string{"run", rules, "--iface", "lo", "--ring-size", "3M"}, 2, "ring size"},
		{"bad port block", []string{"run", rules, "--iface", "lo", "--block-port", "icmp/1"}, 2, "want tcp, udp or any"},
		{"absent interface", []string{"run", rules, "--iface", "rulec-absent0"}, 1, "no such interface"},
		{"reload without target", []string{"reload"}, 2, "want --iface IF or --control PATH"},
		{"reload without a run", []string{"reload", "--control", t.TempDir() + "/none.sock"}, 1, "no live run"},
	}
	for _, c := range cases {
		_, stderr, code := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, stderr, c.code, c.want)
		}
	}
}
