package main

import (
	"fmt"
	"sort"
	"strings"
)

// runRows are `rulec run` on a capture (cmd/runbench): packets/s and MB/s
// against the bars and the reading-only floor measured in the
// same run, 2 workers against 1, and peak RSS.
func runRows(results map[string]result) []row {
	floor, hasFloor := metric(results, "BenchmarkReadPcap", "MB/s")
	bars := map[string]string{"ETOpen": "bar: 85k pkts/s, 75 MB/s", "ETOpenCRS": "bar: 35 MB/s"}
	var names []string
	for name := range results {
		if strings.HasPrefix(name, "BenchmarkRulecRun/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var rows []row
	for _, name := range names {
		r := results[name]
		set, workers, _ := strings.Cut(strings.TrimPrefix(name, "BenchmarkRulecRun/"), "/")
		what := fmt.Sprintf("rulec run, mixed.pcap, %s, %s", set, strings.Replace(workers, "=", " ", 1))
		ours := fmt.Sprintf("%.0f pkts/s, %.1f MB/s", r.metrics["pkts/s"], r.metrics["MB/s"])
		if v, ok := r.metrics["pkts/cpu-s"]; ok {
			ours += fmt.Sprintf(" (%.0f pkts/cpu-s)", v)
		}
		peer, theirs, ratio := "-", "-", "-"
		if hasFloor {
			peer, theirs, ratio = "reading only", mbs(floor), x(r.metrics["MB/s"]/floor)
		}
		if bar, ok := bars[set]; ok && strings.HasSuffix(workers, "=1") {
			peer += "; " + bar
		}
		if one, ok := metric(results, "BenchmarkRulecRun/"+set+"/workers=1", "pkts/s"); ok && !strings.HasSuffix(workers, "=1") {
			peer, theirs, ratio = "same, 1 worker (bar: 1.7x)", fmt.Sprintf("%.0f pkts/s", one), x(r.metrics["pkts/s"]/one)
		}
		rows = append(rows, row{what, ours, peer, theirs, ratio})
		if v, ok := r.metrics["peak-MB"]; ok {
			bar := "-"
			if set == "ETOpenCRS" {
				bar = "bar: 300 MB"
			}
			rows = append(rows, row{"peak RSS, " + what, fmt.Sprintf("%.0f MB", v), bar, "-", "-"})
		}
	}
	return rows
}
