package live

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/netnstest"
)

// setup skips without BPF or namespaces and returns a fresh pair.
func setup(t *testing.T) *netnstest.Pair {
	t.Helper()
	bpftest.Require(t)
	return netnstest.New(t)
}

func compile(tb testing.TB, rules string) *object.Object {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.rules"), []byte(rules), 0o644); err != nil {
		tb.Fatal(err)
	}
	res, err := compiler.Compile([]string{dir}, compiler.Options{})
	if err != nil || res.Tally.Errors > 0 {
		var b bytes.Buffer
		if res != nil {
			res.WriteReport(&b, false)
		}
		tb.Fatalf("compile: %v %s", err, b.String())
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// start starts a runner attached to the server's interface; it is closed
// when the test ends unless the test closed it.
func start(t *testing.T, p *netnstest.Pair, o *object.Object, cfg Config) *Runner {
	t.Helper()
	cfg.Iface = p.Server.Iface
	var r *Runner
	err := p.Server.Do(func() (err error) {
		r, err = Start(o, cfg)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.teardown() })
	return r
}

// eveLog collects EVE lines; safe for concurrent use.
type eveLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *eveLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

type eveRecord struct {
	Timestamp string `json:"timestamp"`
	EventType string `json:"event_type"`
	SrcIP     string `json:"src_ip"`
	FlowID    uint64 `json:"flow_id"`
	Alert     struct {
		SID uint64 `json:"signature_id"`
	} `json:"alert"`
	Rulec struct {
		Tier     string `json:"tier"`
		Severity string `json:"severity_name"`
	} `json:"rulec"`
	Block struct {
		Reason string `json:"reason"`
		SID    uint64 `json:"sid"`
	} `json:"block"`
}

func (l *eveLog) records(t *testing.T) []eveRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []eveRecord
	sc := bufio.NewScanner(bytes.NewReader(l.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r eveRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", sc.Bytes(), err)
		}
		out = append(out, r)
	}
	return out
}

// count returns how many records match.
func (l *eveLog) count(t *testing.T, match func(eveRecord) bool) int {
	n := 0
	for _, r := range l.records(t) {
		if match(r) {
			n++
		}
	}
	return n
}

// waitFor polls cond until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// listen opens a listener inside ns.
func listen(t *testing.T, ns *netnstest.NS, network, addr string) net.Listener {
	t.Helper()
	var l net.Listener
	if err := ns.Do(func() (err error) { l, err = net.Listen(network, addr); return err }); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// listenUDP opens a UDP socket inside ns with a large receive buffer.
func listenUDP(t *testing.T, ns *netnstest.NS, addr string) *net.UDPConn {
	t.Helper()
	var c *net.UDPConn
	err := ns.Do(func() error {
		ua, err := net.ResolveUDPAddr("udp4", addr)
		if err != nil {
			return err
		}
		if c, err = net.ListenUDP("udp4", ua); err != nil {
			return err
		}
		raw, err := c.SyscallConn()
		if err != nil {
			return err
		}
		var serr error
		err = raw.Control(func(fd uintptr) { serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, 64<<20) })
		if err != nil {
			return err
		}
		return serr
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// dial connects from a client address inside ns.
func dial(ns *netnstest.NS, from, to string, timeout time.Duration) (net.Conn, error) {
	var c net.Conn
	err := ns.Do(func() (err error) {
		d := net.Dialer{Timeout: timeout, LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
		c, err = d.Dial("tcp", to)
		return err
	})
	return c, err
}

// dialUDP opens a UDP socket inside ns connected to to.
func dialUDP(t testing.TB, ns *netnstest.NS, to string) *net.UDPConn {
	t.Helper()
	var c *net.UDPConn
	err := ns.Do(func() error {
		ua, err := net.ResolveUDPAddr("udp4", to)
		if err != nil {
			return err
		}
		c, err = net.DialUDP("udp4", nil, ua)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
