package live

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/attach"
	"github.com/rulec/rulec/runtime/block"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

const e2eRules = `drop tcp any any -> any 9090 (msg:"kernel drop"; sid:100; priority:3;)
alert udp any any -> any 7000 (msg:"udp probe"; content:"PROBE"; sid:101; priority:3;)
alert http any any -> any any (msg:"admin probe"; flow:to_server; http.uri; content:"/admin.php"; sid:102; priority:1;)
`

// TestEndToEnd: an HTTP server in one namespace, clients in another, the
// classifier on the server's veth in the default direction. A kernel drop rule stops connections,
// a kernel alert rule and a userspace HTTP rule (its pattern split over
// two TCP segments) alert, a port block with an allow-listed exception
// holds, and two critical alerts block the client inline until the TTL
// expires.
func TestEndToEnd(t *testing.T) {
	p := setup(t)
	srv, cli, other := p.Server.Addrs[0].String(), p.Client.Addrs[0].String(), p.Client.Addrs[1].String()
	const ttl = 3 * time.Second
	var log eveLog
	r := start(t, p, compile(t, e2eRules), Config{ // the default direction
		Flow:       flow.DefaultConfig(),
		EVE:        &log,
		Thresholds: map[string]block.Threshold{"critical": {Count: 2, Window: 30 * time.Second, TTL: ttl}},
		Allow:      []netip.Prefix{netip.PrefixFrom(p.Client.Addrs[1], 32)},
		PortBlocks: []PortBlock{{Proto: 6, Port: 9091}},
	})
	web := listen(t, &p.Server, "tcp4", srv+":8080")
	go http.Serve(web, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }))
	for _, port := range []string{"9090", "9091"} {
		l := listen(t, &p.Server, "tcp4", srv+":"+port)
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				c.Close()
			}
		}()
	}
	udp := listenUDP(t, &p.Server, srv+":7000")
	// A connection expected to succeed gets a long timeout (the machine
	// may be busy); one expected to be dropped a short one: a dropped SYN
	// never connects, however long the wait.
	connects := func(from, port string, timeout time.Duration) bool {
		c, err := dial(&p.Client, from, srv+":"+port, timeout)
		if err == nil {
			c.Close()
		}
		return err == nil
	}
	reachable := func(from, port string) bool { return connects(from, port, patience) }
	dropped := func(from, port string) bool { return !connects(from, port, time.Second) }

	t.Run("kernel drop", func(t *testing.T) {
		if !dropped(cli, "9090") {
			t.Error("connected to the dropped port")
		}
		if !reachable(cli, "8080") {
			t.Error("cannot connect to the open port")
		}
	})
	t.Run("port block with allow-listed exception", func(t *testing.T) {
		if !dropped(cli, "9091") {
			t.Error("connected to the blocked port")
		}
		if !reachable(other, "9091") {
			t.Error("the allow-listed source cannot connect to the blocked port")
		}
	})
	t.Run("kernel alert", func(t *testing.T) {
		c := dialUDP(t, &p.Client, srv+":7000")
		if _, err := c.Write([]byte("a PROBE here")); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 64)
		udp.SetReadDeadline(time.Now().Add(patience))
		if _, err := udp.Read(buf); err != nil {
			t.Errorf("alerted packet not delivered: %v", err)
		}
		if !waitFor(patience, func() bool {
			return log.count(t, func(e eveRecord) bool { return e.Alert.SID == 101 && e.Rulec.Tier == "kernel" }) == 1
		}) {
			t.Errorf("no kernel alert; EVE: %+v", log.records(t))
		}
	})

	request := func(path string) error {
		c, err := dial(&p.Client, cli, srv+":8080", patience)
		if err != nil {
			return err
		}
		defer c.Close()
		c.(*net.TCPConn).SetNoDelay(true)
		c.SetDeadline(time.Now().Add(patience))
		half := len(path) / 2
		if _, err := io.WriteString(c, "GET "+path[:half]); err != nil {
			return err
		}
		time.Sleep(50 * time.Millisecond)
		if _, err := fmt.Fprintf(c, "%s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", path[half:]); err != nil {
			return err
		}
		resp, err := io.ReadAll(c)
		if err == nil && !strings.Contains(string(resp), "200 OK") {
			err = fmt.Errorf("response %q", resp)
		}
		return err
	}
	admin := func(e eveRecord) bool { return e.Alert.SID == 102 && e.Rulec.Tier == "userspace" }
	t.Run("userspace alert on split request", func(t *testing.T) {
		if err := request("/index.html"); err != nil {
			t.Fatal(err)
		}
		if err := request("/admin.php"); err != nil {
			t.Fatal(err)
		}
		if !waitFor(patience, func() bool { return log.count(t, admin) == 1 }) {
			t.Fatalf("want one userspace alert; EVE: %+v", log.records(t))
		}
		if !reachable(cli, "8080") {
			t.Fatal("blocked after one critical alert; the threshold is two")
		}
	})
	t.Run("threshold blocks inline until the ttl expires", func(t *testing.T) {
		go request("/admin.php?again") // its response may be dropped by the block
		blockAt := eventTime(t, &log, "block", cli)
		before := blocked(t, r)
		if connects(cli, "8080", time.Second) {
			// Only possible once the block expired: the kernel entry's
			// deadline is at least the block event's time plus the ttl.
			if now := time.Now(); now.Before(blockAt.Add(ttl)) {
				t.Fatalf("connected %v after the block, within its %v ttl", now.Sub(blockAt), ttl)
			}
			t.Logf("first connection attempt after the ttl had passed (busy machine)")
		} else if !waitFor(patience, func() bool { return blocked(t, r) > before }) {
			t.Fatalf("no connection, but the classifier blocked nothing; EVE: %+v", log.records(t))
		}
		if !reachable(other, "8080") {
			t.Error("the allow-listed address is blocked too")
		}
		unblockAt := eventTime(t, &log, "unblock", cli)
		if d := unblockAt.Sub(blockAt); d < ttl {
			t.Errorf("unblocked %v after the block, before the %v ttl", d, ttl)
		}
		if !reachable(cli, "8080") {
			t.Fatal("traffic does not flow after the unblock")
		}
		blocks := log.count(t, func(e eveRecord) bool { return e.EventType == "block" && e.SrcIP == cli && e.Block.SID == 102 })
		if blocks != 1 {
			t.Errorf("%d block events for %s, want 1", blocks, cli)
		}
	})
	s, err := r.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if s.Kernel.RingbufFull != 0 || s.Kernel.Drop == 0 || s.Kernel.Blocked == 0 || s.Kernel.Allowed == 0 || s.Blocks.Blocks != 1 {
		t.Errorf("counters: %+v, blocks %+v", s.Kernel, s.Blocks)
	}
	if n, err := p.Server.TCXPrograms(); err != nil || n != 2 {
		t.Errorf("%d TCX programs while attached both ways, want 2 (%v)", n, err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if n, err := p.Server.TCXPrograms(); err != nil || n != 0 {
		t.Errorf("%d TCX programs left after Close (%v)", n, err)
	}
	if !reachable(cli, "9090") {
		t.Error("the drop rule still applies after Close")
	}
}

// TestClsactFallback attaches through a clsact qdisc, reloads, and leaves
// no qdisc behind.
func TestClsactFallback(t *testing.T) {
	p := setup(t)
	srv, cli := p.Server.Addrs[0].String(), p.Client.Addrs[0].String()
	r := start(t, p, compile(t, e2eRules), Config{Attach: attach.Clsact, Flow: flow.DefaultConfig()})
	l := listen(t, &p.Server, "tcp4", srv+":9090")
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	reachable := func(timeout time.Duration) bool {
		c, err := dial(&p.Client, cli, srv+":9090", timeout)
		if err == nil {
			c.Close()
		}
		return err == nil
	}
	qdiscs := func() string {
		out, err := p.Server.Run("tc", "qdisc", "show", "dev", p.Server.Iface)
		if err != nil {
			t.Fatal(err, out)
		}
		return out
	}
	if !strings.Contains(qdiscs(), "clsact") {
		t.Fatalf("no clsact qdisc: %s", qdiscs())
	}
	if reachable(time.Second) {
		t.Error("connected to the dropped port")
	}
	if _, err := r.Reload(compile(t, strings.Replace(e2eRules, "drop tcp any any -> any 9090", "drop tcp any any -> any 9092", 1))); err != nil {
		t.Fatal(err)
	}
	if !reachable(patience) {
		t.Error("the reloaded rules still drop the old port")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if q := qdiscs(); strings.Contains(q, "clsact") {
		t.Errorf("clsact qdisc left behind: %s", q)
	}
}

// patience bounds waits for what must happen: generous, since the
// machine may be busy, and never reached when the test passes.
const patience = 30 * time.Second

// eventTime waits for the EVE event of type kind for src and returns its
// time.
func eventTime(t *testing.T, log *eveLog, kind, src string) time.Time {
	t.Helper()
	var at time.Time
	if !waitFor(patience, func() bool {
		for _, e := range log.records(t) {
			if e.EventType == kind && e.SrcIP == src {
				var err error
				if at, err = time.Parse(eve.TimeFormat, e.Timestamp); err != nil {
					t.Fatal(err)
				}
				return true
			}
		}
		return false
	}) {
		t.Fatalf("no %s event for %s; EVE: %+v", kind, src, log.records(t))
	}
	return at
}

// blocked is the classifier's count of packets dropped by a block list.
func blocked(t *testing.T, r *Runner) uint64 {
	t.Helper()
	return counters(t, r).Blocked
}

func TestRefusals(t *testing.T) {
	o := compile(t, e2eRules)
	if _, err := Start(o, Config{Iface: "rulec-absent0"}); err == nil || !strings.Contains(err.Error(), "no such interface") {
		t.Errorf("absent interface: %v", err)
	}
}
