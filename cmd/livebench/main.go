package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	rulec := flag.String("rulec", "./rulec", "the rulec binary")
	name := flag.String("name", "ETOpen", "the rule set's name in the benchmark line")
	rate := flag.Int("rate", 50000, "sends per second (DNS queries and HTTP requests)")
	dur := flag.Duration("duration", 4*time.Second, "how long to send")
	attach := flag.Duration("attach-timeout", 10*time.Minute, "how long rulec may take to compile and attach")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "livebench: want rule paths (e.g. ../shared/corpus/etopen)")
		os.Exit(2)
	}
	p, err := newPair()
	if err != nil {
		fmt.Fprintln(os.Stderr, "livebench:", err)
		os.Exit(1)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		p.remove()
		os.Exit(1)
	}()
	err = run(p, *rulec, *name, flag.Args(), *rate, *dur, *attach)
	p.remove()
	if err != nil {
		fmt.Fprintln(os.Stderr, "livebench:", err)
		os.Exit(1)
	}
}

func run(p *pair, rulec, name string, rules []string, rate int, dur, attach time.Duration) error {
	dir, err := os.MkdirTemp("", "livebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	vars := filepath.Join(dir, "vars.yaml")
	// The client is the protected network: ET Open's DNS and HTTP rules
	// watch $HOME_NET's queries and requests going out.
	yaml := fmt.Sprintf("vars:\n  address-groups:\n    HOME_NET: \"[%s/32]\"\n    EXTERNAL_NET: \"!$HOME_NET\"\n", p.clientAddr)
	if err := os.WriteFile(vars, []byte(yaml), 0o644); err != nil {
		return err
	}
	stop, err := serve(p)
	if err != nil {
		return err
	}
	defer stop()

	eve := filepath.Join(dir, "eve.json")
	args := append([]string{"netns", "exec", p.server, rulec, "run"}, rules...)
	args = append(args, "--vars", vars, "--iface", p.serverIf, "--eve", eve)
	cmd := exec.Command("ip", args...)
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()
	deadline := time.After(attach)
	for !strings.Contains(stderr.String(), "attached to") {
		select {
		case err := <-exited:
			return fmt.Errorf("rulec run ended before attaching: %v: %s", err, stderr)
		case <-deadline:
			return fmt.Errorf("rulec run did not attach in %s: %s", attach, stderr)
		case <-time.After(100 * time.Millisecond):
		}
	}
	rx0, err := p.rxPackets()
	if err != nil {
		return err
	}
	s, err := send(p, rate, dur)
	if err != nil {
		return err
	}
	time.Sleep(2 * time.Second) // let the userspace tier drain the ring
	rx1, err := p.rxPackets()
	if err != nil {
		return err
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	if err := <-exited; err != nil {
		return fmt.Errorf("rulec run: %w: %s", err, stderr)
	}
	sum, err := summary(stderr.String())
	if err != nil {
		return err
	}
	ev, err := readEVE(eve)
	if err != nil {
		return err
	}
	var expected, got uint64
	for sid, n := range s.expected {
		expected += n
		got += min(n, ev.alerts[sid])
	}
	fmt.Printf("BenchmarkLive/%s 1 %d ns/op %.0f sent/s %d sent-pkts %d dns-queries %d http-requests %d rx-pkts %d rulec-pkts"+
		" %d ring-lost %d expected-alerts %d raised-expected %d alerts %d kernel-alerts %d userspace-alerts %d copies"+
		" %d kernel-dns-decided %.0f candidates/pkt\n",
		name, s.elapsed.Nanoseconds(), float64(s.packets)/s.elapsed.Seconds(), s.packets, s.dns, s.http, rx1-rx0, sum["packets"],
		sum["ring"], expected, got, sum["alerts"], sum["kernel"], sum["userspace"], sum["copies"],
		ev.dnsDecided, float64(ev.candidates)/float64(max(sum["packets"], 1)))
	return nil
}

var summaryFields = map[string]*regexp.Regexp{
	"packets":   regexp.MustCompile(`: packets (\d+) bytes`),
	"alerts":    regexp.MustCompile(`alerts (\d+) \(kernel`),
	"kernel":    regexp.MustCompile(`\(kernel (\d+),`),
	"userspace": regexp.MustCompile(`userspace (\d+)\)`),
	"copies":    regexp.MustCompile(`copied to userspace (\d+)`),
	"ring":      regexp.MustCompile(`lost: ring buffer (\d+) records`),
}

// summary reads the counters of rulec's last "summary:" line.
func summary(out string) (map[string]uint64, error) {
	i := strings.LastIndex(out, "summary: ")
	if i < 0 {
		return nil, fmt.Errorf("no summary from rulec run: %s", out)
	}
	line, _, _ := strings.Cut(out[i:], "\n")
	m := map[string]uint64{}
	for k, re := range summaryFields {
		f := re.FindStringSubmatch(line)
		if f == nil {
			return nil, fmt.Errorf("no %s in the summary: %s", k, line)
		}
		m[k], _ = strconv.ParseUint(f[1], 10, 64)
	}
	return m, nil
}

// eveCounts are the alert records per signature and, from the last stats
// record (the run writes one as it ends), the classifier's candidate
// slots visited and DNS queries it decided.
type eveCounts struct {
	alerts                 map[uint64]uint64
	candidates, dnsDecided uint64
}

func readEVE(path string) (*eveCounts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := &eveCounts{alerts: map[uint64]uint64{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			EventType string `json:"event_type"`
			Alert     struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			Stats struct {
				Rulec struct {
					Classifier struct {
						Candidates struct {
							Visited uint64 `json:"visited"`
						} `json:"candidates"`
						DNS struct {
							Decided uint64 `json:"decided"`
						} `json:"dns"`
					} `json:"classifier"`
				} `json:"rulec"`
			} `json:"stats"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		switch r.EventType {
		case "alert":
			c.alerts[r.Alert.SID]++
		case "stats":
			c.candidates, c.dnsDecided = r.Stats.Rulec.Classifier.Candidates.Visited, r.Stats.Rulec.Classifier.DNS.Decided
		}
	}
	return c, sc.Err()
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
