// Command benchtable turns `go test -bench` output into rulec's
// performance table: one row per measure, each with the peer or bar it is
// compared with and the ratio measured in the same run. With -plots DIR
// it also draws the classifier's cost against rule count and payload size
// as PNGs.
//
//	go test -run '^$' -bench . ./... > results.txt
//	go run ./cmd/benchtable -plots ../docs results.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// result is one benchmark line: its name without the GOMAXPROCS suffix
// and its metrics by unit.
type result struct {
	name    string
	metrics map[string]float64
}

func main() {
	plots := flag.String("plots", "", "directory to write PNG plots into")
	rss := flag.String("rss", "", `"label=kilobytes" peak RSS rows measured outside go test, comma-separated`)
	flag.Parse()
	var in []io.Reader
	for _, p := range flag.Args() {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		in = append(in, f)
	}
	if len(in) == 0 {
		in = append(in, os.Stdin)
	}
	results := map[string]result{}
	for _, r := range in {
		for _, res := range parse(r) {
			results[res.name] = res
		}
	}
	rows := table(results, *rss)
	print(os.Stdout, rows)
	if *plots != "" {
		if err := drawPlots(results, *plots); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// parse reads benchmark lines ("BenchmarkX/y-2  N  v unit  v unit ...").
func parse(r io.Reader) []result {
	var out []result
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		res := result{name: name, metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				res.metrics[f[i+1]] = v
			}
		}
		out = append(out, res)
	}
	return out
}
