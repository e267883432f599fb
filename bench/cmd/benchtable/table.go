package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// row is one line of the performance table.
type row struct {
	what, ours, peer, theirs, ratio string
}

func metric(results map[string]result, name, unit string) (float64, bool) {
	r, ok := results[name]
	if !ok {
		return 0, false
	}
	v, ok := r.metrics[unit]
	return v, ok
}

func ms(ns float64) string   { return fmt.Sprintf("%.1f ms", ns/1e6) }
func x(r float64) string     { return fmt.Sprintf("%.2fx", r) }
func mbs(v float64) string   { return fmt.Sprintf("%.0f MB/s", v) }
func nsPkt(v float64) string { return fmt.Sprintf("%.0f ns/pkt", v) }

// table builds the rows from what the run measured; missing benchmarks
// are left out.
func table(results map[string]result, rss string) []row {
	var rows []row
	for _, c := range []struct{ what, name string }{
		{"compile ET Open to IR (9,777 rules)", "BenchmarkCompileETOpen"},
		{"build ET Open object (tiers, tables, encode)", "BenchmarkBuildETOpen"},
		{"compile CRS v4.28.0 to IR", "BenchmarkCompileCRS"},
	} {
		if v, ok := metric(results, c.name, "ns/op"); ok {
			rows = append(rows, row{c.what, ms(v), "bar: 1 s", "1000.0 ms", x(1e9 / v)})
		}
	}
	for _, size := range []int{64, 512, 1500} {
		base, ok := metric(results, fmt.Sprintf("BenchmarkClassifier/rules=100/size=%d", size), "ns/pkt")
		if !ok {
			continue
		}
		for _, n := range []int{1000, 10000} {
			if v, ok := metric(results, fmt.Sprintf("BenchmarkClassifier/rules=%d/size=%d", n, size), "ns/pkt"); ok {
				rows = append(rows, row{fmt.Sprintf("classifier, %d header rules, %d B", n, size), nsPkt(v),
					"same, 100 rules (bar: within 2x)", nsPkt(base), x(v / base)})
			}
		}
	}
	for _, size := range []string{"1k", "10k", "30k"} {
		ours, ok1 := metric(results, "BenchmarkPrefilter/rulec/"+size, "MB/s")
		peer, ok2 := metric(results, "BenchmarkPrefilter/cloudflare/"+size, "MB/s")
		if ok1 && ok2 {
			rows = append(rows, row{"prefilter, " + size + " ET patterns, 1.5 KB packets", mbs(ours),
				"cloudflare/ahocorasick", mbs(peer), x(ours / peer)})
		}
	}
	rows = append(rows, hyperscanRows(results)...)
	if ours, ok := metric(results, "BenchmarkEngines/go-re2", "MB/s"); ok {
		if peer, ok := metric(results, "BenchmarkEngines/regexp", "MB/s"); ok {
			rows = append(rows, row{"ET pcre (RE2-compatible), 1 KB texts", mbs(ours), "Go regexp", mbs(peer), x(ours / peer)})
		}
	}
	for name, r := range results {
		if strings.HasPrefix(name, "BenchmarkMatchHTTP/") {
			if v, ok := r.metrics["MB/s"]; ok {
				rows = append(rows, row{"userspace matching, HTTP units, ET Open (" + strings.TrimPrefix(name, "BenchmarkMatchHTTP/") + ")", mbs(v), "-", "-", "-"})
			}
		}
	}
	if v, ok := metric(results, "BenchmarkETOpenDemo", "pkts/s"); ok {
		rows = append(rows, row{"both tiers, ET Open, demo traffic (reference kernel tier)", fmt.Sprintf("%.0f pkts/s", v), "-", "-", "-"})
	}
	rows = append(rows, crsRows(results)...)
	rows = append(rows, runRows(results)...)
	rows = append(rows, liveRows(results)...)
	for _, item := range strings.Split(rss, ",") {
		if label, kb, ok := strings.Cut(item, "="); ok {
			if v, err := strconv.ParseFloat(kb, 64); err == nil {
				rows = append(rows, row{"peak RSS, " + label, fmt.Sprintf("%.0f MB", v/1024), "-", "-", "-"})
			}
		}
	}
	return rows
}

// crsRows compares CRS transactions with Coraza's, per request kind.
func crsRows(results map[string]result) []row {
	var rows []row
	for name, r := range results {
		kind, ok := strings.CutPrefix(name, "BenchmarkCRS/")
		if kind, ok = strings.CutSuffix(kind, "/rulec"); !ok {
			continue
		}
		ours, ok1 := r.metrics["ns/op"]
		for _, p := range []struct{ bench, name string }{
			{"coraza", "corazawaf/coraza/v3"},
			{"coraza-rxprefilter", "coraza/v3, SecRxPreFilter On"},
		} {
			peer, ok2 := metric(results, "BenchmarkCRS/"+kind+"/"+p.bench, "ns/op")
			if ok1 && ok2 {
				rows = append(rows, row{"CRS v4.28.0 transaction, " + kind, fmt.Sprintf("%.0f tx/s", 1e9/ours),
					p.name, fmt.Sprintf("%.0f tx/s", 1e9/peer), x(peer / ours)})
			}
		}
	}
	return rows
}

func print(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\trulec\tpeer or bar\tpeer\tratio")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.what, r.ours, r.peer, r.theirs, r.ratio)
	}
	tw.Flush()
}
