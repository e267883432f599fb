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
	"github.com/rulec/rulec/runtime/flow"
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
	ms := make([]ipv4.Message, loadBatch)
	for i := range ms {
		payload := []byte(strings.Repeat("x", 64))
		if i%hitEvery == 0 {
			copy(payload, "HIT!")
		}
		ms[i].Buffers = [][]byte{payload}
	}
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

// TestLoad sends 200,000 packets between the namespaces without a
// program and through the attached classifier with 1,000 rules: the
// classifier sees every packet and the engine every alert, with no ring
// buffer losses.
func TestLoad(t *testing.T) {
	p := setup(t)
	o := compile(t, loadRules())
	blast(t, p) // warm up the path
	bare := blast(t, p)
	var log eveLog
	r := start(t, p, o, Config{Flow: flow.DefaultConfig(), EVE: &log})
	with := blast(t, p)
	snap, err := r.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	hits := log.count(t, func(e eveRecord) bool { return e.Alert.SID == 399999 })
	t.Logf("no program: %d/%d packets in %v, %.0f packets/s", bare.received, bare.sent, bare.elapsed.Round(time.Millisecond), bare.pps())
	t.Logf("1,000 rules: %d/%d packets in %v, %.0f packets/s (%.2f of no program); classifier saw %d, %d alerts, ring-buffer losses %d, queue max %d",
		with.received, with.sent, with.elapsed.Round(time.Millisecond), with.pps(), with.pps()/bare.pps(), snap.Kernel.Packets, hits, snap.Kernel.RingbufFull, snap.QueueMax)
	if snap.Kernel.RingbufFull != 0 {
		t.Errorf("%d ring buffer losses", snap.Kernel.RingbufFull)
	}
	if uint64(hits) != snap.Kernel.Alert || hits < with.received/hitEvery {
		t.Errorf("%d alerts in EVE, classifier alerted on %d packets, %d marked packets received", hits, snap.Kernel.Alert, with.received/hitEvery)
	}
	if with.received < loadPackets*9/10 || bare.received < loadPackets*9/10 {
		t.Errorf("received %d with the program and %d without, of %d", with.received, bare.received, loadPackets)
	}
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
			r, err = Start(o, Config{Iface: p.Server.Iface, Flow: flow.DefaultConfig()})
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
