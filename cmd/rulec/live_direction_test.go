package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/netnstest"
)

// TestLiveDefaultDirection runs the built binary with default flags on the
// client's end of the pair, as on a host that runs curl: an http.uri rule
// alerts on the request the host sends. With --direction ingress the run
// warns that flow rules miss what the host sends.
func TestLiveDefaultDirection(t *testing.T) {
	bpftest.Require(t)
	bin := buildRulec(t)
	pair := netnstest.New(t)
	srv := pair.Server.Addrs[0].String() + ":8080"
	rules := writeRules(t, "alert http any any -> any any (msg:\"admin\"; flow:to_server; http.uri; content:\"/admin.php\"; sid:102;)\n")
	var l net.Listener
	if err := pair.Server.Do(func() (err error) { l, err = net.Listen("tcp4", srv); return err }); err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }))

	dir := t.TempDir()
	evePath := filepath.Join(dir, "eve.json")
	cmd := exec.Command("ip", "netns", "exec", pair.Client.Name, bin, "run", rules, "--iface", pair.Client.Iface,
		"--eve", evePath, "--control", filepath.Join(dir, "ctl.sock"))
	stderr := &startedWriter{marker: "attached to", started: make(chan struct{})}
	started := stderr.started
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	select {
	case <-started:
	case <-time.After(patience):
		t.Fatalf("rulec run did not attach: %s", stderr)
	}
	if err := pair.Client.Do(func() error { return get(srv, "/admin.php") }); err != nil {
		t.Fatal(err)
	}
	if !waitFile(evePath, `"signature_id":102`) {
		t.Errorf("no alert for the request the host sent; stderr:\n%s", stderr)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("rulec run: %v\n%s", err, stderr)
	}
	if s := stderr.String(); !strings.Contains(s, "(tcx, both)") || strings.Contains(s, "warning") {
		t.Errorf("default run: want both directions and no warning:\n%s", s)
	}

	out, err := exec.Command("ip", "netns", "exec", pair.Client.Name, bin, "run", rules, "--iface", pair.Client.Iface,
		"--direction", "ingress", "--duration", "1ms", "--control", filepath.Join(dir, "ctl2.sock")).CombinedOutput()
	if want := "warning: attached ingress only: 1 rules follow TCP streams or application protocols and miss what this host sends"; err != nil || !strings.Contains(string(out), want) {
		t.Errorf("--direction ingress: %v, want %q in:\n%s", err, want, out)
	}
}

// get requests path from addr and reads the whole response.
func get(addr, path string) error {
	c, err := net.DialTimeout("tcp4", addr, patience)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(patience))
	if _, err := fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", path); err != nil {
		return err
	}
	resp, err := io.ReadAll(c)
	if err == nil && !strings.Contains(string(resp), "200 OK") {
		err = fmt.Errorf("response %q", resp)
	}
	return err
}
