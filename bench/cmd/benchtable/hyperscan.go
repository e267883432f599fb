package main

import "fmt"

// hyperscanRows compares the prefilter with Hyperscan per pattern mix and
// count, throughput and table size; the bar is half of
// Hyperscan's throughput at 10k and 30k patterns with ET's nocase flags.
func hyperscanRows(results map[string]result) []row {
	var rows []row
	for _, mix := range []string{"case", "nocase-mix"} {
		for _, size := range []string{"1k", "10k", "30k"} {
			name := "BenchmarkPrefilterHyperscan/%s/" + mix + "/" + size
			ours, ok1 := metric(results, fmt.Sprintf(name, "rulec"), "MB/s")
			peer, ok2 := metric(results, fmt.Sprintf(name, "hyperscan"), "MB/s")
			if !ok1 || !ok2 {
				continue
			}
			ourTable, _ := metric(results, fmt.Sprintf(name, "rulec"), "table-MB")
			peerTable, _ := metric(results, fmt.Sprintf(name, "hyperscan"), "table-MB")
			what := "prefilter, " + size + " ET patterns, all case-sensitive, 1.5 KB packets"
			peerName := "Hyperscan 5.4"
			if mix == "nocase-mix" {
				what = "prefilter, " + size + " ET patterns with ET's nocase flags, 1.5 KB packets"
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
