package live

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/flow"
)

// TestLiveWorkers runs three workers: HTTP connections (flows hashed to
// the workers by their 5-tuple) each get their userspace alert once, with
// the request split over two segments (the flow's stream stays with one
// worker); UDP probes get their kernel alerts; a rule limited to one alert
// per source over every flow (a threshold the workers share) alerts once;
// a reload in the middle leaves no event undecided.
func TestLiveWorkers(t *testing.T) {
	p := setup(t)
	o := compile(t, e2eRules+`alert http any any -> any any (msg:"limited"; flow:to_server; http.uri; content:"/limited"; threshold: type limit, track by_src, count 1, seconds 600; sid:103; priority:3;)
`)
	var log eveLog
	r := start(t, p, o, Config{Flow: flow.DefaultConfig(), EVE: &log, Workers: 3})
	srv, cli := p.Server.Addrs[0].String(), p.Client.Addrs[0].String()
	web := listen(t, &p.Server, "tcp4", srv+":8080")
	go http.Serve(web, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }))
	udp := listenUDP(t, &p.Server, srv+":7000")
	go drain(udp)
	request := func(path string) {
		t.Helper()
		c, err := dial(&p.Client, cli, srv+":8080", patience)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.(*net.TCPConn).SetNoDelay(true)
		c.SetDeadline(time.Now().Add(patience))
		half := len(path) / 2
		if _, err := io.WriteString(c, "GET "+path[:half]); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
		if _, err := fmt.Fprintf(c, "%s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", path[half:]); err != nil {
			t.Fatal(err)
		}
		if resp, err := io.ReadAll(c); err != nil || !strings.Contains(string(resp), "200 OK") {
			t.Fatalf("response %q: %v", resp, err)
		}
	}
	sid := func(id uint64) int { return log.count(t, func(e eveRecord) bool { return e.Alert.SID == id }) }
	const before, after = 8, 4
	round := func(from, to int) {
		for i := from; i < to; i++ {
			request(fmt.Sprintf("/admin.php?%d", i))
			if from == 0 { // thresholds start again with a reload's rules
				request(fmt.Sprintf("/limited?%d", i))
			}
			if _, err := fmt.Fprintf(dialUDP(t, &p.Client, srv+":7000"), "PROBE %d", i); err != nil {
				t.Fatal(err)
			}
		}
		if !waitFor(patience, func() bool { return sid(102) == to && sid(101) == to }) {
			t.Fatalf("after %d rounds: %d userspace alerts (sid 102), %d kernel alerts (sid 101)", to, sid(102), sid(101))
		}
	}
	round(0, before)
	if _, err := r.Reload(o); err != nil {
		t.Fatal(err)
	}
	round(before, before+after)
	if err := r.sync(); err != nil {
		t.Fatal(err)
	}
	if n := sid(103); n != 1 {
		t.Errorf("the rule limited to one alert per source alerted %d times", n)
	}
	busy := 0
	for _, w := range r.workers {
		w.mu.Lock()
		if w.engines[r.gen].Stats().Units > 0 || w.engines[r.gen-1] != nil && w.engines[r.gen-1].Stats().Units > 0 {
			busy++
		}
		w.mu.Unlock()
	}
	if busy < 2 {
		t.Errorf("%d of 3 workers inspected units: flows were not spread", busy)
	}
	s, err := r.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if s.Workers != 3 || s.StaleEvents != 0 || s.Generation != 2 {
		t.Errorf("snapshot: %d workers, %d stale events, generation %d; want 3, 0, 2", s.Workers, s.StaleEvents, s.Generation)
	}
}
