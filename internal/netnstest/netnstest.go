package netnstest

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// NS is a named network namespace.
type NS struct {
	Name  string
	Iface string       // its end of the veth pair
	Addrs []netip.Addr // on Iface; the first is the main one
}

// Pair is two namespaces, Server and Client, joined by a veth pair on
// 10.X.Y.0/24: the server has .1, the client .2 and .3.
type Pair struct {
	Server, Client NS
}

// Require skips tb unless the process is root (namespaces need it); in
// CI, where tests run as root, it never skips.
func Require(tb testing.TB) {
	tb.Helper()
	if os.Geteuid() != 0 {
		tb.Skip("network namespaces need root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		tb.Skip("needs iproute2's ip")
	}
}

// New makes a pair of namespaces and removes them when tb ends.
func New(tb testing.TB) *Pair {
	tb.Helper()
	Require(tb)
	id := rand.Uint32() & 0xffffff
	tag := fmt.Sprintf("%06x", id)
	net := fmt.Sprintf("10.%d.%d", 100+id%100, (id>>8)%250)
	p := &Pair{
		Server: NS{Name: "rcs-" + tag, Iface: "rcs" + tag, Addrs: []netip.Addr{netip.MustParseAddr(net + ".1")}},
		Client: NS{Name: "rcc-" + tag, Iface: "rcc" + tag, Addrs: []netip.Addr{netip.MustParseAddr(net + ".2"), netip.MustParseAddr(net + ".3")}},
	}
	tb.Cleanup(func() {
		ip(tb, "netns", "del", p.Server.Name)
		ip(tb, "netns", "del", p.Client.Name)
	})
	steps := [][]string{
		{"netns", "add", p.Server.Name},
		{"netns", "add", p.Client.Name},
		{"link", "add", p.Server.Iface, "netns", p.Server.Name, "type", "veth", "peer", "name", p.Client.Iface, "netns", p.Client.Name},
	}
	for _, ns := range []NS{p.Server, p.Client} {
		for _, a := range ns.Addrs {
			steps = append(steps, []string{"-n", ns.Name, "addr", "add", a.String() + "/24", "dev", ns.Iface})
		}
		steps = append(steps, []string{"-n", ns.Name, "link", "set", ns.Iface, "up"}, []string{"-n", ns.Name, "link", "set", "lo", "up"})
	}
	for _, s := range steps {
		if err := ip(tb, s...); err != nil {
			tb.Fatal(err)
		}
	}
	return p
}

func ip(tb testing.TB, args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// Do runs fn on a thread switched into the namespace: sockets, netlink
// handles and BPF attachments fn makes belong to it. Goroutines fn starts
// do not run in it.
func (n *NS) Do(fn func() error) error {
	runtime.LockOSThread()
	self, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer self.Close()
	target, err := os.Open("/run/netns/" + n.Name)
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer target.Close()
	if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("enter %s: %w", n.Name, err)
	}
	defer func() {
		if unix.Setns(int(self.Fd()), unix.CLONE_NEWNET) == nil {
			runtime.UnlockOSThread()
		}
	}()
	return fn()
}

// Run runs a command inside the namespace and returns its output.
func (n *NS) Run(name string, args ...string) (string, error) {
	out, err := exec.Command("ip", append([]string{"netns", "exec", n.Name, name}, args...)...).CombinedOutput()
	return string(out), err
}
