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
// classifier on the server's veth. A kernel drop rule stops connections,
// a kernel alert rule and a userspace HTTP rule (its pattern split over
// two TCP segments) alert, a port block with an allow-listed exception
// holds, and two critical alerts block the client inline until the TTL
// expires.
func TestEndToEnd(t *testing.T) {
	p := setup(t)
	srv, cli, other := p.Server.Addrs[0].String(), p.Client.Addrs[0].String(), p.Client.Addrs[1].String()
	const ttl = 2 * time.Second
	var log eveLog
	r := start(t, p, compile(t, e2eRules), Config{
		Direction:  attach.Both,
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
	reachable := func(from, port string) bool {
		c, err := dial(&p.Client, from, srv+":"+port, 300*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err == nil
	}

	t.Run("kernel drop", func(t *testing.T) {
		if reachable(cli, "9090") {
			t.Error("connected to the dropped port")
		}
		if !reachable(cli, "8080") {
			t.Error("cannot connect to the open port")
		}
	})
	t.Run("port block with allow-listed exception", func(t *testing.T) {
		if reachable(cli, "9091") {
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
		udp.SetReadDeadline(time.Now().Add(time.Second))
		if _, err := udp.Read(buf); err != nil {
			t.Errorf("alerted packet not delivered: %v", err)
		}
		if !waitFor(2*time.Second, func() bool {
			return log.count(t, func(e eveRecord) bool { return e.Alert.SID == 101 && e.Alert.Tier == "kernel" }) == 1
		}) {
			t.Errorf("no kernel alert; EVE: %+v", log.records(t))
		}
	})

	request := func(path string, sent chan<- time.Time) error {
		c, err := dial(&p.Client, cli, srv+":8080", time.Second)
		if err != nil {
			return err
		}
		defer c.Close()
		c.(*net.TCPConn).SetNoDelay(true)
		c.SetDeadline(time.Now().Add(time.Second))
		half := len(path) / 2
		if _, err := io.WriteString(c, "GET "+path[:half]); err != nil {
			return err
		}
		time.Sleep(50 * time.Millisecond)
		if _, err := fmt.Fprintf(c, "%s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", path[half:]); err != nil {
			return err
		}
		if sent != nil {
			sent <- time.Now()
		}
		resp, err := io.ReadAll(c)
		if err == nil && !strings.Contains(string(resp), "200 OK") {
			err = fmt.Errorf("response %q", resp)
		}
		return err
	}
	admin := func(e eveRecord) bool { return e.Alert.SID == 102 && e.Alert.Tier == "userspace" }
	t.Run("userspace alert on split request", func(t *testing.T) {
		if err := request("/index.html", nil); err != nil {
			t.Fatal(err)
		}
		if err := request("/admin.php", nil); err != nil {
			t.Fatal(err)
		}
		if !waitFor(2*time.Second, func() bool { return log.count(t, admin) == 1 }) {
			t.Fatalf("want one userspace alert; EVE: %+v", log.records(t))
		}
		if !reachable(cli, "8080") {
			t.Fatal("blocked after one critical alert; the threshold is two")
		}
	})
	t.Run("threshold blocks inline until the ttl expires", func(t *testing.T) {
		sent := make(chan time.Time, 1)
		go request("/admin.php?again", sent) // its response may be dropped by the block
		start := <-sent
		var blockedAfter time.Duration
		for time.Since(start) < 3*time.Second {
			attempt := time.Now()
			if !reachable(cli, "8080") {
				blockedAfter = attempt.Sub(start)
				break
			}
		}
		if blockedAfter == 0 || blockedAfter > time.Second {
			t.Fatalf("client blocked after %v, want within 1s; EVE: %+v", blockedAfter, log.records(t))
		}
		for _, e := range log.records(t) {
			if at, err := time.Parse(eve.TimeFormat, e.Timestamp); err == nil && e.EventType == "block" {
				t.Logf("block in the kernel map %v after the request that crossed the threshold was sent; first refused connection attempt started %v after it",
					at.Sub(start).Round(time.Microsecond), blockedAfter.Round(time.Millisecond))
			}
		}
		if !reachable(other, "8080") {
			t.Error("the allow-listed address is blocked too")
		}
		var flowsAfter time.Duration
		for time.Since(start) < ttl+3*time.Second {
			attempt := time.Now()
			if reachable(cli, "8080") {
				flowsAfter = attempt.Sub(start)
				break
			}
		}
		if flowsAfter == 0 || flowsAfter < ttl-time.Second {
			t.Fatalf("traffic flows again after %v, want after the %v ttl", flowsAfter, ttl)
		}
		t.Logf("traffic flows again %v after the block (ttl %v)", flowsAfter.Round(time.Millisecond), ttl)
		if !waitFor(time.Second, func() bool {
			return log.count(t, func(e eveRecord) bool { return e.EventType == "unblock" && e.SrcIP == cli }) == 1
		}) {
			t.Errorf("no unblock event; EVE: %+v", log.records(t))
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
	reachable := func() bool {
		c, err := dial(&p.Client, cli, srv+":9090", 300*time.Millisecond)
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
	if reachable() {
		t.Error("connected to the dropped port")
	}
	if _, err := r.Reload(compile(t, strings.Replace(e2eRules, "drop tcp any any -> any 9090", "drop tcp any any -> any 9092", 1))); err != nil {
		t.Fatal(err)
	}
	if !reachable() {
		t.Error("the reloaded rules still drop the old port")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if q := qdiscs(); strings.Contains(q, "clsact") {
		t.Errorf("clsact qdisc left behind: %s", q)
	}
}

func TestRefusals(t *testing.T) {
	o := compile(t, e2eRules)
	if _, err := Start(o, Config{Iface: "rulec-absent0"}); err == nil || !strings.Contains(err.Error(), "no such interface") {
		t.Errorf("absent interface: %v", err)
	}
}
