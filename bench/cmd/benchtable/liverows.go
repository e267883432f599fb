package main

import (
	"fmt"
	"sort"
	"strings"
)

// liveRows are `rulec run` live in namespaces (cmd/livebench): the rate the
// sender reached against issue 14's 50k packets/s, the ring buffer's
// losses, and the expected alerts raised.
func liveRows(results map[string]result) []row {
	var names []string
	for name := range results {
		if strings.HasPrefix(name, "BenchmarkLive/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var rows []row
	for _, name := range names {
		m := results[name].metrics
		what := "rulec run live, netns, DNS+HTTP mix, " + strings.TrimPrefix(name, "BenchmarkLive/")
		rows = append(rows,
			row{what + ", rate sent", fmt.Sprintf("%.0f/s (%.0f sent, %.0f received)", m["sent/s"], m["sent-pkts"], m["rx-pkts"]),
				"bar: 50k pkts/s", "50000/s", x(m["sent/s"] / 50000)},
			row{what + ", ring-buffer losses", fmt.Sprintf("%.0f of %.0f copies", m["ring-lost"], m["copies"]), "bar: none", "0", "-"},
			row{what + ", classifier work", fmt.Sprintf("%.0f candidate slots/pkt, %.0f DNS queries decided in the kernel", m["candidates/pkt"], m["kernel-dns-decided"]), "-", "-", "-"},
			row{what + ", expected alerts raised", fmt.Sprintf("%.0f of %.0f (all alerts %.0f: kernel %.0f, userspace %.0f)",
				m["raised-expected"], m["expected-alerts"], m["alerts"], m["kernel-alerts"], m["userspace-alerts"]), "bar: all", "-", "-"})
	}
	return rows
}
