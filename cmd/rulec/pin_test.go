package main

import (
	"bufio"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/netnstest"
	"github.com/rulec/rulec/runtime/eve"
)

// pinnedRun starts the built rulec pinned on the pair's server interface.
func pinnedRun(t *testing.T, bin, rules, pinDir, evePath string, pair *netnstest.Pair) (*exec.Cmd, *startedWriter) {
	t.Helper()
	stderr := &startedWriter{marker: "adopted", started: make(chan struct{})}
	started := stderr.started
	cmd := exec.Command("ip", "netns", "exec", pair.Server.Name, bin, "run", rules, "--iface", pair.Server.Iface,
		"--pin", "--pin-dir", pinDir, "--eve", evePath, "--threshold", "critical=1/60s/20s",
		"--control", filepath.Join(t.TempDir(), "ctl.sock"))
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	select {
	case <-started:
	case <-time.After(patience):
		t.Fatalf("rulec run did not attach: %s", stderr)
	}
	return cmd, stderr
}

// eveEvent finds the first EVE record of type typ in path.
func eveEvent(path, typ string) map[string]any {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev map[string]any
		if json.Unmarshal(sc.Bytes(), &ev) == nil && ev["event_type"] == typ {
			return ev
		}
	}
	return nil
}

// eventTime is the time of the first event of type typ in the EVE file.
func eventTime(t *testing.T, path, typ string) time.Time {
	t.Helper()
	ev := eveEvent(path, typ)
	ts, _ := ev["timestamp"].(string)
	at, err := time.Parse(eve.TimeFormat, ts)
	if err != nil {
		t.Fatalf("%s event %v: %v", typ, ev, err)
	}
	return at
}

// TestPinnedRestartKeepsBlocks: a dynamic block set by one pinned run is
// enforced while that run stops and a new one starts and adopts it, with
// no packet of the blocked source getting through; the new run knows the
// block's expiry and lifts it when it lapses.
func TestPinnedRestartKeepsBlocks(t *testing.T) {
	bpftest.Require(t)
	bin := buildRulec(t)
	pair := netnstest.New(t)
	// ip netns exec mounts a sysfs of its own, hiding /sys/fs/bpf: the
	// runs pin in a bpffs of the test's.
	bpffs := t.TempDir()
	if out, err := exec.Command("mount", "-t", "bpf", "bpf", bpffs).CombinedOutput(); err != nil {
		t.Fatalf("mount bpffs: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", bpffs).Run() })
	pinDir := filepath.Join(bpffs, "rulec", pair.Server.Iface)
	rules := writeRules(t, "alert udp any any -> any 7777 (msg:\"attack\"; content:\"ATTACK\"; priority:1; sid:1;)\n")
	server := pair.Server.Addrs[0]
	attacker, bystander := pair.Client.Addrs[1], pair.Client.Addrs[0]

	var conn net.PacketConn
	if err := pair.Server.Do(func() (err error) { conn, err = net.ListenPacket("udp4", ":9999"); return }); err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var fromAttacker, fromBystander atomic.Int64
	go func() {
		buf := make([]byte, 2048)
		for {
			_, from, err := conn.ReadFrom(buf)
			if err != nil {
				return
			}
			switch from.(*net.UDPAddr).IP.String() {
			case attacker.String():
				fromAttacker.Add(1)
			case bystander.String():
				fromBystander.Add(1)
			}
		}
	}()
	send := func(src string, port int, payload string) error {
		return pair.Client.Do(func() error {
			c, err := net.DialUDP("udp4", &net.UDPAddr{IP: net.ParseIP(src)}, &net.UDPAddr{IP: net.ParseIP(server.String()), Port: port})
			if err != nil {
				return err
			}
			defer c.Close()
			_, err = c.Write([]byte(payload))
			return err
		})
	}

	eveA := filepath.Join(t.TempDir(), "a.json")
	a, _ := pinnedRun(t, bin, rules, pinDir, eveA, pair)
	if err := send(attacker.String(), 7777, "ATTACK"); err != nil {
		t.Fatal(err)
	}
	if !waitUntil(func() bool { return eveEvent(eveA, "block") != nil }) {
		t.Fatal("the first run set no block")
	}

	// Both sources send throughout the restart.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var sentAttacker atomic.Int64
	for _, src := range []string{attacker.String(), bystander.String()} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
					if send(src, 9999, "x") == nil && src == attacker.String() {
						sentAttacker.Add(1)
					}
				}
			}
		}()
	}
	a.Process.Signal(syscall.SIGTERM)
	if err := a.Wait(); err != nil {
		t.Fatalf("first run: %v", err)
	}
	if n, _ := pair.Server.TCXPrograms(); n == 0 {
		t.Error("the pinned run detached on exit")
	}
	eveB := filepath.Join(t.TempDir(), "b.json")
	b, errB := pinnedRun(t, bin, rules, pinDir, eveB, pair)
	if !waitUntil(func() bool { return strings.Contains(errB.String(), "adopted 1 dynamic blocks") }) {
		t.Errorf("second run did not adopt the block:\n%s", errB)
	}
	got := fromBystander.Load()
	waitUntil(func() bool { return fromBystander.Load() > got+10 })
	close(stop)
	wg.Wait()
	if n := fromAttacker.Load(); n != 0 || sentAttacker.Load() == 0 {
		t.Errorf("%d of %d packets of the blocked source got through during the restart", n, sentAttacker.Load())
	}
	if fromBystander.Load() == 0 {
		t.Error("no packet of the other source arrived: the test sent nothing through")
	}
	if n, _ := pair.Server.TCXPrograms(); n != 2 {
		t.Errorf("%d TCX programs after the restart, want 2 (adopted links, not new ones)", n)
	}

	// The second run lifts the block when the first run's TTL lapses.
	if !waitUntil(func() bool { return eveEvent(eveB, "unblock") != nil }) {
		t.Fatalf("the second run never lifted the adopted block:\n%s", errB)
	}
	// The runs' own times, not when this test saw the events (a busy
	// machine may show them late).
	if lifted := eventTime(t, eveB, "unblock").Sub(eventTime(t, eveA, "block")); lifted < 15*time.Second {
		t.Errorf("block lifted %v after it was set, before its 20s TTL", lifted)
	}
	before := fromAttacker.Load()
	if !waitUntil(func() bool { send(attacker.String(), 9999, "x"); return fromAttacker.Load() > before }) {
		t.Error("the source stays blocked after the TTL")
	}
	b.Process.Signal(syscall.SIGTERM)
	if err := b.Wait(); err != nil {
		t.Errorf("second run: %v", err)
	}
	if _, errOut, code := runCLI(t, "unpin", "--pin-dir", pinDir); code != 0 {
		t.Fatalf("unpin: %s", errOut)
	}
	if !waitUntil(func() bool { n, err := pair.Server.TCXPrograms(); return err == nil && n == 0 }) {
		n, _ := pair.Server.TCXPrograms()
		t.Errorf("%d TCX programs after unpin", n)
	}
}
