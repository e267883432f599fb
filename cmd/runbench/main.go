package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rulec/rulec/runtime/capture"
)

type sets []string

func (s *sets) String() string     { return strings.Join(*s, ",") }
func (s *sets) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	rulec := flag.String("rulec", "./rulec", "the rulec binary")
	pcap := flag.String("pcap", "", "the capture")
	vars := flag.String("vars", "", "vars file for rulec run")
	workers := flag.String("workers", "1,2", "worker counts, comma-separated")
	var rulesets sets
	flag.Var(&rulesets, "set", `NAME=PATH[ PATH...] rule set (repeatable)`)
	flag.Parse()
	if *pcap == "" || len(rulesets) == 0 {
		fmt.Fprintln(os.Stderr, "runbench: want -pcap and at least one -set")
		os.Exit(2)
	}
	if err := floor(*pcap); err != nil {
		fmt.Fprintln(os.Stderr, "runbench:", err)
		os.Exit(1)
	}
	for _, s := range rulesets {
		name, paths, _ := strings.Cut(s, "=")
		for _, w := range strings.Split(*workers, ",") {
			if err := runOne(*rulec, name, strings.Fields(paths), *pcap, *vars, w); err != nil {
				fmt.Fprintf(os.Stderr, "runbench: %s, %s workers: %v\n", name, w, err)
				os.Exit(1)
			}
		}
	}
}

// floor reads the capture and nothing else.
func floor(pcap string) error {
	var n, size uint64
	start := time.Now()
	err := capture.ReadFile(pcap, func(_ time.Time, frame []byte, _ uint64) error {
		n++
		size += uint64(len(frame))
		return nil
	})
	if err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Printf("BenchmarkReadPcap 1 %d ns/op %.0f pkts/s %.2f MB/s\n", d.Nanoseconds(), float64(n)/d.Seconds(), float64(size)/1e6/d.Seconds())
	return nil
}

// runOne runs rulec on the capture and reads its summary.
func runOne(rulec, name string, paths []string, pcap, vars, workers string) error {
	args := append([]string{"run"}, paths...)
	if vars != "" {
		args = append(args, "--vars", vars)
	}
	args = append(args, "--pcap", pcap, "--workers", workers)
	cmd := exec.Command(rulec, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w: %s", err, lastLines(stderr.String(), 5))
	}
	sum := summary(stderr.String())
	secs, err := time.ParseDuration(sum["time"])
	if err != nil || secs <= 0 {
		return fmt.Errorf("no run time in the summary: %s", lastLines(stderr.String(), 5))
	}
	pkts, _ := strconv.ParseFloat(sum["packets"], 64)
	size, _ := strconv.ParseFloat(sum["bytes"], 64)
	cpu, _ := strconv.ParseFloat(strings.TrimSuffix(sum["cpu time"], "s"), 64)
	rss := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
	line := fmt.Sprintf("BenchmarkRulecRun/%s/workers=%s 1 %d ns/op %.0f pkts/s %.2f MB/s", name, workers, secs.Nanoseconds(),
		pkts/secs.Seconds(), size/1e6/secs.Seconds())
	if cpu > 0 {
		line += fmt.Sprintf(" %.0f pkts/cpu-s", pkts/cpu)
	}
	fmt.Printf("%s %.0f peak-MB\n", line, rss)
	return nil
}

// summary reads "name   value" lines of rulec's run summary.
func summary(out string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if len(line) < 25 || line[0] == ' ' {
			continue
		}
		key, val := strings.TrimSpace(line[:24]), strings.TrimSpace(line[24:])
		if f := strings.Fields(val); len(f) > 0 {
			m[key] = f[0]
		}
	}
	return m
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}
