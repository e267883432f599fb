package main

import "fmt"

// hyperscanRows compares the prefilter with Hyperscan per pattern mix and
// count, throughput (over each side's thread CPU time when measured) and
// table size; the bar is half of Hyperscan's throughput at 10k
// and 30k patterns with ET's nocase flags.
func hyperscanRows(results map[string]result) []row {
	var rows []row
	for _, mix := range []string{"case", "nocase-mix"} {
		for _, size := range []string{"1k", "10k", "30k"} {
			name := "BenchmarkPrefilterHyperscan/%s/" + mix + "/" + size
			ours, ok1 := throughput(results, fmt.Sprintf(name, "rulec"))
			peer, ok2 := throughput(results, fmt.Sprintf(name, "hyperscan"))
			if !ok1 || !ok2 {
				continue
			}
			ourTable, _ := metric(results, fmt.Sprintf(name, "rulec"), "table-MB")
			peerTable, _ := metric(results, fmt.Sprintf(name, "hyperscan"), "table-MB")
			what := "prefilter (CPU time), " + size + " ET patterns, all case-sensitive, 1.5 KB packets"
			peerName := "Hyperscan 5.4"
			if mix == "nocase-mix" {
				what = "prefilter (CPU time), " + size + " ET patterns with ET's nocase flags, 1.5 KB packets"
				if size != "1k" {
					peerName = "Hyperscan 5.4 (bar: 0.50x, table <= 20 MB)"
				}
			}
			rows = append(rows, row{what, fmt.Sprintf("%s, %.1f MB table", mbs(ours), ourTable),
				peerName, fmt.Sprintf("%s, %.1f MB table", mbs(peer), peerTable), x(ours / peer)})
		}
	}
	return rows
}

// throughput is a benchmark's MB/s over thread CPU time, or over wall
// time when it has no CPU figure.
func throughput(results map[string]result, name string) (float64, bool) {
	if v, ok := metric(results, name, "cpu-MB/s"); ok {
		return v, true
	}
	return metric(results, name, "MB/s")
}
