package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/netnstest"
	"github.com/rulec/rulec/internal/objtest"
	"github.com/rulec/rulec/runtime/rollout"
)

// publishConfigMap lays data out as kubelet updates a ConfigMap volume:
// a new timestamped directory, then one rename of the ..data symlink.
func publishConfigMap(t *testing.T, dir string, n int, data []byte) {
	t.Helper()
	ts := fmt.Sprintf("..2026_12_06_%02d", n)
	if err := os.Mkdir(filepath.Join(dir, ts), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ts, "ruleset.rco"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "..data_tmp")
	if err := os.Symlink(ts, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	if n == 1 {
		os.Symlink("..data/ruleset.rco", filepath.Join(dir, "ruleset.rco"))
	}
}

type node struct {
	pair    *netnstest.Pair
	cmd     *exec.Cmd
	stderr  *startedWriter
	started chan struct{}
	eve     string
	sent    int
}

func (n *node) metrics(t *testing.T) string {
	out, _ := n.pair.Server.Run("curl", "-s", "--max-time", "5", "http://127.0.0.1:9464/metrics")
	return out
}

// send sends one UDP datagram from the node's client to its server.
func (n *node) send(payload string) error {
	return n.pair.Client.Do(func() error {
		c, err := net.Dial("udp4", net.JoinHostPort(n.pair.Server.Addrs[0].String(), "7777"))
		if err != nil {
			return err
		}
		defer c.Close()
		_, err = c.Write([]byte(payload))
		return err
	})
}

// TestRolloutAcrossNodes rehearses a rollout on three nodes (namespaces),
// each running rulec on its own interface from one published object: a
// new object is published, every node reloads to it while a steady attack
// stream flows, and each node's metrics show which object it runs. A bad
// object published after is refused everywhere and the rules stay.
func TestRolloutAcrossNodes(t *testing.T) {
	bpftest.Require(t)
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("needs curl")
	}
	bin := buildRulec(t)
	v1 := objtest.Encode(t, "alert udp any any -> any 7777 (msg:\"attack\"; content:\"ATTACK\"; sid:1;)\n")
	v2 := objtest.Encode(t, "alert udp any any -> any 7777 (msg:\"attack\"; content:\"ATTACK\"; sid:1; rev:2;)\nalert udp any any -> any 7777 (msg:\"other\"; content:\"OTHER\"; sid:2;)\n")
	published := t.TempDir()
	publishConfigMap(t, published, 1, v1)
	path := filepath.Join(published, "ruleset.rco")

	nodes := make([]*node, 3)
	for i := range nodes {
		n := &node{pair: netnstest.New(t), eve: filepath.Join(t.TempDir(), "eve.json")}
		n.stderr = &startedWriter{marker: "attached to", started: make(chan struct{})}
		n.started = n.stderr.started
		n.cmd = exec.Command("ip", "netns", "exec", n.pair.Server.Name, bin, "run", "--object", path, "--object-poll", "100ms",
			"--iface", n.pair.Server.Iface, "--eve", n.eve, "--metrics-addr", "127.0.0.1:9464",
			"--control", filepath.Join(t.TempDir(), "ctl.sock"))
		n.cmd.Stderr = n.stderr
		if err := n.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { n.cmd.Process.Kill(); n.cmd.Wait() })
		nodes[i] = n
	}
	for i, n := range nodes {
		select {
		case <-n.started:
		case <-time.After(patience):
			t.Fatalf("node %d did not attach: %s", i, n.stderr)
		}
		if m := n.metrics(t); !strings.Contains(m, fmt.Sprintf("sha256=%q", rollout.Digest(v1))) {
			t.Fatalf("node %d does not report v1:\n%s", i, m)
		}
	}

	// A steady attack stream to every node while the rollout happens.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					if n.send(fmt.Sprintf("ATTACK %d", n.sent)) == nil {
						n.sent++
					}
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	publishConfigMap(t, published, 2, v2)
	for i, n := range nodes {
		if !waitUntil(func() bool { return strings.Contains(n.metrics(t), fmt.Sprintf("sha256=%q", rollout.Digest(v2))) }) {
			t.Fatalf("node %d did not roll out v2:\n%s\n%s", i, n.metrics(t), n.stderr)
		}
	}
	time.Sleep(300 * time.Millisecond)

	bad := bytes.Clone(v2)
	bad[len(bad)/2] ^= 0xff
	publishConfigMap(t, published, 3, bad)
	for i, n := range nodes {
		if !waitUntil(func() bool { return strings.Contains(n.metrics(t), "rulec_ruleset_refused_total 1") }) {
			t.Fatalf("node %d did not refuse the bad object:\n%s\n%s", i, n.metrics(t), n.stderr)
		}
		if m := n.metrics(t); !strings.Contains(m, fmt.Sprintf("sha256=%q", rollout.Digest(v2))) || !strings.Contains(m, "rulec_ruleset_loads_total 2") {
			t.Errorf("node %d after the bad object:\n%s", i, m)
		}
	}
	time.Sleep(200 * time.Millisecond)
	close(stop)
	wg.Wait()
	for i, n := range nodes {
		if err := n.send("OTHER"); err != nil {
			t.Fatal(err)
		}
		if !waitFile(n.eve, `"signature_id":2,`) {
			t.Errorf("node %d: no alert from the rolled-out rule", i)
		}
		if !waitUntil(func() bool { return countAlerts(n.eve, 1) >= n.sent }) {
			t.Errorf("node %d: %d attack alerts for %d attack packets", i, countAlerts(n.eve, 1), n.sent)
		}
	}
	for i, n := range nodes {
		n.cmd.Process.Signal(syscall.SIGTERM)
		if err := n.cmd.Wait(); err != nil {
			t.Errorf("node %d: %v\n%s", i, err, n.stderr)
		}
		if got := countAlerts(n.eve, 1); got != n.sent {
			t.Errorf("node %d: %d attack alerts for %d attack packets (lost during the rollout)", i, got, n.sent)
		}
		if s := n.stderr.String(); !strings.Contains(s, "rollout: object "+rollout.Digest(v2)[:12]+" loaded") || !strings.Contains(s, "refused, the running rules stay") {
			t.Errorf("node %d log:\n%s", i, s)
		}
	}
}

func countAlerts(eve string, sid int) int {
	b, _ := os.ReadFile(eve)
	return strings.Count(string(b), fmt.Sprintf(`"signature_id":%d,`, sid))
}
