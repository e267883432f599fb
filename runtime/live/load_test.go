package live

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/ipv4"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/netnstest"
	"github.com/rulec/rulec/runtime/attach"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/kernel"
)

const (
	loadPackets = 200_000
	loadBatch   = 64
	hitEvery    = 64 // one packet in hitEvery carries the alerting pattern
	loadPort    = 9999
)

// loadRules are 1,000 kernel rules: 900 on other ports, 99 content rules
// on the load port that never match (every packet is scanned and their
// slots visited) and one that alerts on the marked packets.
func loadRules() string {
	var b strings.Builder
	for i := range 900 {
		fmt.Fprintf(&b, "alert udp any any -> any %d (msg:\"other %d\"; content:\"nomatch%d\"; sid:%d;)\n", 20000+i, i, i, 300000+i)
	}
	for i := range 99 {
		fmt.Fprintf(&b, "alert udp any any -> any %d (msg:\"absent %d\"; content:\"absent-%03d\"; sid:%d;)\n", loadPort, i, i, 301000+i)
	}
	fmt.Fprintf(&b, "alert udp any any -> any %d (msg:\"marked\"; content:\"HIT!\"; sid:399999;)\n", loadPort)
	return b.String()
}

// loadResult is one blast's outcome.
type loadResult struct {
	sent, received int
	elapsed        time.Duration // first send to last receipt
}

func (l loadResult) pps() float64 { return float64(l.received) / l.elapsed.Seconds() }

// blast sends loadPackets 64-byte UDP payloads from the client to the
// server as fast as batched writes go and counts what arrives.
func blast(tb testing.TB, p *netnstest.Pair) loadResult {
	tb.Helper()
	srv := p.Server.Addrs[0].String()
	var recv *net.UDPConn
	if err := p.Server.Do(func() (err error) {
		recv, err = net.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP(srv), Port: loadPort})
		if err == nil {
			err = recv.SetReadBuffer(64 << 20)
		}
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	defer recv.Close()
	send := dialUDP(tb, &p.Client, fmt.Sprintf("%s:%d", srv, loadPort))
	var received atomic.Int64
	var last atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		pc := ipv4.NewPacketConn(recv)
		ms := make([]ipv4.Message, loadBatch)
		for i := range ms {
			ms[i].Buffers = [][]byte{make([]byte, 128)}
		}
		for {
			recv.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
			n, err := pc.ReadBatch(ms, 0)
			if err != nil {
				return
			}
			received.Add(int64(n))
			last.Store(time.Now().UnixNano())
		}
	}()
	pc := ipv4.NewPacketConn(send)
	ms := loadMessages()
	start := time.Now()
	for sent := 0; sent < loadPackets; {
		n, err := pc.WriteBatch(ms, 0)
		if err != nil {
			tb.Fatal(err)
		}
		sent += n
	}
	wg.Wait()
	return loadResult{sent: loadPackets, received: int(received.Load()), elapsed: time.Unix(0, last.Load()).Sub(start)}
}

// TestLoad sends UDP through the attached classifier with 1,000 rules,
// first as fast as batched writes go, then paced, and checks what the
// program controls, never delivery or throughput (which depend on the
// machine's load; BenchmarkLoad reports those): the classifier saw every
// packet that reached the interface, alerted on exactly the marked
// packets of the paced run, lost no ring-buffer record, and every alert
// it raised reached EVE.
func TestLoad(t *testing.T) {
	p := setup(t)
	o := compile(t, loadRules())
	var log eveLog
	r := start(t, p, o, Config{Direction: attach.Ingress, Flow: flow.DefaultConfig(), EVE: &log})
	recv := listenUDP(t, &p.Server, fmt.Sprintf("%s:%d", p.Server.Addrs[0], loadPort))
	go drain(recv)
	send := ipv4.NewPacketConn(dialUDP(t, &p.Client, fmt.Sprintf("%s:%d", p.Server.Addrs[0], loadPort)))
	ms := loadMessages()

	base := counters(t, r)
	rx := linkRx(t, &p.Server)
	for sent := 0; sent < testBlast; {
		n, err := send.WriteBatch(ms, 0)
		if err != nil {
			t.Fatal(err)
		}
		sent += n
	}
	var seen, arrived uint64
	if !waitFor(time.Minute, func() bool {
		seen, arrived = counters(t, r).Packets-base.Packets, linkRx(t, &p.Server)-rx
		return seen == arrived
	}) {
		t.Fatalf("classifier saw %d packets, %d reached the interface", seen, arrived)
	}
	t.Logf("blast: %d sent, %d reached the interface, the classifier saw %d", testBlast, arrived, seen)

	// Paced: one batch in flight at a time, far below the receive
	// backlog, so every packet reaches the classifier.
	paced := counters(t, r)
	for sent := 0; sent < testPaced; {
		n, err := send.WriteBatch(ms, 0)
		if err != nil {
			t.Fatal(err)
		}
		sent += n
		if !waitFor(time.Minute, func() bool { return counters(t, r).Packets-paced.Packets >= uint64(sent) }) {
			t.Fatalf("paced: the classifier saw %d of %d packets sent", counters(t, r).Packets-paced.Packets, sent)
		}
	}
	marked := uint64(testPaced / hitEvery)
	var alerts uint64
	if !waitFor(time.Minute, func() bool { alerts = counters(t, r).Alert - paced.Alert; return alerts >= marked }) || alerts != marked {
		t.Errorf("paced: classifier alerted on %d packets, %d marked packets sent", alerts, marked)
	}
	k := counters(t, r)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if k.RingbufFull != 0 {
		t.Errorf("%d ring buffer losses", k.RingbufFull)
	}
	if hits := log.count(t, func(e eveRecord) bool { return e.Alert.SID == 399999 }); uint64(hits) != k.Alert {
		t.Errorf("%d alerts in EVE, the classifier alerted on %d packets", hits, k.Alert)
	}
}

const (
	testBlast = 100_000
	testPaced = 10_240
)

func loadMessages() []ipv4.Message {
	ms := make([]ipv4.Message, loadBatch)
	for i := range ms {
		payload := []byte(strings.Repeat("x", 64))
		if i%hitEvery == 0 {
			copy(payload, "HIT!")
		}
		ms[i].Buffers = [][]byte{payload}
	}
	return ms
}

// drain reads c until it is closed.
func drain(c *net.UDPConn) {
	buf := make([]byte, 2048)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

func counters(t *testing.T, r *Runner) kernel.Counters {
	t.Helper()
	s, err := r.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return s.Kernel
}

func linkRx(t *testing.T, ns *netnstest.NS) uint64 {
	t.Helper()
	s, err := ns.LinkStats()
	if err != nil {
		t.Fatal(err)
	}
	return s.RxPackets
}

// BenchmarkLoad reports packets/s of 200,000-packet blasts without a
// program and through the classifier with 1,000 rules, and ring-buffer
// losses: go test -run '^$' -bench Load ./runtime/live
func BenchmarkLoad(b *testing.B) {
	bpftest.Require(b)
	p := netnstest.New(b)
	o := compile(b, loadRules())
	blast(b, p)
	var bare, with loadResult
	var lost uint64
	for b.Loop() {
		bare = blast(b, p)
		var r *Runner
		if err := p.Server.Do(func() (err error) {
			r, err = Start(o, Config{Iface: p.Server.Iface, Direction: attach.Ingress, Flow: flow.DefaultConfig()})
			return err
		}); err != nil {
			b.Fatal(err)
		}
		with = blast(b, p)
		s, err := r.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		lost += s.Kernel.RingbufFull
		if err := r.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(bare.pps(), "pps-bare")
	b.ReportMetric(with.pps(), "pps-1000-rules")
	b.ReportMetric(with.pps()/bare.pps(), "ratio")
	b.ReportMetric(float64(lost), "ringbuf-lost")
}
