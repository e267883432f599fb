package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// pair is two namespaces joined by a veth pair on 10.250.X.0/24: the
// server has .1 and runs rulec, the client has .2 and sends.
type pair struct {
	server, client         string
	serverIf, clientIf     string
	serverAddr, clientAddr string
}

func newPair() (*pair, error) {
	id := os.Getpid() % 100000
	net := fmt.Sprintf("10.250.%d", id%250)
	p := &pair{
		server: fmt.Sprintf("lbs-%d", id), client: fmt.Sprintf("lbc-%d", id),
		serverIf: fmt.Sprintf("lbs%d", id), clientIf: fmt.Sprintf("lbc%d", id),
		serverAddr: net + ".1", clientAddr: net + ".2",
	}
	steps := [][]string{
		{"netns", "add", p.server},
		{"netns", "add", p.client},
		{"link", "add", p.serverIf, "netns", p.server, "type", "veth", "peer", "name", p.clientIf, "netns", p.client},
		{"-n", p.server, "addr", "add", p.serverAddr + "/24", "dev", p.serverIf},
		{"-n", p.client, "addr", "add", p.clientAddr + "/24", "dev", p.clientIf},
		{"-n", p.server, "link", "set", p.serverIf, "up"},
		{"-n", p.client, "link", "set", p.clientIf, "up"},
		{"-n", p.server, "link", "set", "lo", "up"},
		{"-n", p.client, "link", "set", "lo", "up"},
	}
	for i, s := range steps {
		if err := ip(s...); err != nil {
			if i > 0 {
				p.remove()
			}
			return nil, err
		}
	}
	return p, nil
}

// remove deletes both namespaces (and with them the veth pair).
func (p *pair) remove() {
	_ = ip("netns", "del", p.server)
	_ = ip("netns", "del", p.client)
}

func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// in runs fn on a thread switched into the namespace: sockets fn opens
// belong to it and stay there.
func in(ns string, fn func() error) error {
	runtime.LockOSThread()
	self, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer self.Close()
	target, err := os.Open("/run/netns/" + ns)
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer target.Close()
	if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("enter %s: %w", ns, err)
	}
	defer func() {
		if unix.Setns(int(self.Fd()), unix.CLONE_NEWNET) == nil {
			runtime.UnlockOSThread()
		}
	}()
	return fn()
}

// rxPackets is what the server's end of the pair received: every packet
// rulec's classifier saw at ingress.
func (p *pair) rxPackets() (uint64, error) {
	out, err := exec.Command("ip", "-n", p.server, "-j", "-s", "link", "show", "dev", p.serverIf).Output()
	if err != nil {
		return 0, fmt.Errorf("link statistics: %w", err)
	}
	var links []struct {
		Stats struct {
			RX struct {
				Packets uint64 `json:"packets"`
			} `json:"rx"`
		} `json:"stats64"`
	}
	if err := json.Unmarshal(out, &links); err != nil || len(links) != 1 {
		return 0, fmt.Errorf("link statistics %q: %v", out, err)
	}
	return links[0].Stats.RX.Packets, nil
}
