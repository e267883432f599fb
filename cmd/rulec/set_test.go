package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/demo"
)

// --set changes the flow tracker's bounds; what they cut shows in the run
// summary, and a bad setting is refused.
func TestRunSet(t *testing.T) {
	rules := writeRules(t, "alert tcp any any -> any any (msg:\"t\"; flow:established; content:\"GET\"; sid:1;)\n")
	pcap := demo.File(t)
	evicted := regexp.MustCompile(`flow_evicted +(\d+)`)
	_, errOut, code := runCLI(t, "run", rules, "--pcap", pcap, "--kernel", "reference")
	if m := evicted.FindStringSubmatch(errOut); code != 0 || m == nil || m[1] != "0" {
		t.Fatalf("default run: %d %s", code, errOut)
	}
	_, errOut, code = runCLI(t, "run", rules, "--pcap", pcap, "--kernel", "reference", "--set", "flow.max-flows=1", "--set", "flow.memcap=1mb")
	if m := evicted.FindStringSubmatch(errOut); code != 0 || m == nil || m[1] == "0" {
		t.Errorf("a table of one flow evicted nothing: %d %s", code, errOut)
	}
	_, errOut, code = runCLI(t, "run", rules, "--pcap", pcap, "--set", "flow.bogus=1")
	if code != 2 || !strings.Contains(errOut, "unknown setting") {
		t.Errorf("bad setting: %d %s", code, errOut)
	}
	_, errOut, code = runCLI(t, "run", rules, "--pcap", pcap, "--memory-limit", "lots")
	if code != 2 || !strings.Contains(errOut, "--memory-limit") {
		t.Errorf("bad memory limit: %d %s", code, errOut)
	}
}
