package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// With TxStream, an HTTP request's transaction units carry their
// direction's stream as the payload buffer (its last TxStream bytes);
// without, none.
func TestTxStreamPayload(t *testing.T) {
	req1 := "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: agent-one\r\n\r\n"
	req2 := "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"
	for _, size := range []int{0, 16 << 10, 40} {
		cfg := DefaultConfig()
		cfg.TxStream = size
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		feed(t, tr, concat(c.handshake(), c.c2s(req1), c.sAck(), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), c.cAck(),
			c.c2s(req2), c.sAck(), c.close())...)
		tr.Flush()
		var got []string
		for _, u := range s.of(inspect.KindApp) {
			if u.dir != inspect.ToServer {
				continue
			}
			p, ok := u.buffers["payload"]
			if size == 0 && ok {
				t.Fatalf("TxStream 0: payload %q on a transaction unit", p)
			}
			got = append(got, p)
		}
		if size == 0 {
			continue
		}
		stream := req1 + req2
		want1, want2 := req1, stream
		if size < len(want2) {
			want1, want2 = req1[len(req1)-size:], stream[len(stream)-size:]
		}
		if len(got) < 2 || got[0] != want1 || got[len(got)-1] != want2 {
			t.Errorf("TxStream %d: request payloads %q, want first %q, last %q", size, got, want1, want2)
		}
	}
}

// A gap empties the window: the data after it starts anew. Room the
// stream memcap refuses is counted, and no window is kept.
func TestTxStreamGapAndMemcap(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TxStream = 8
	tr, _ := newTracker(cfg)
	f := &flowState{tcp: &tcpState{}}
	d := inspect.ToServer
	tr.txStreamData(f, d, []byte("abcdef"))
	tr.txStreamData(f, d, []byte("ghij"))
	if got := string(f.tcp.tx[d].b); got != "cdefghij" {
		t.Errorf("window %q, want the last 8 bytes", got)
	}
	tr.txStreamGap(f, d)
	tr.txStreamData(f, d, []byte("kl"))
	u := &inspect.Unit{Kind: inspect.KindApp, Dir: d}
	tr.setTxStream(f, u)
	if p, _ := u.Buffer("payload"); string(p) != "kl" {
		t.Errorf("payload after a gap %q, want %q", p, "kl")
	}
	tr.txStreamData(f, d, []byte("mn"))
	if p, _ := u.Buffer("payload"); string(p) != "kl" {
		t.Errorf("a unit's payload changed with the stream: %q", p)
	}

	cfg.StreamMemcap = 4
	tr, _ = newTracker(cfg)
	f = &flowState{tcp: &tcpState{}}
	tr.txStreamData(f, d, []byte("abc"))
	if len(f.tcp.tx[d].b) != 0 || tr.streamHits != 1 {
		t.Errorf("over the memcap: window %q, memcap hits %d", f.tcp.tx[d].b, tr.streamHits)
	}
}

// A window takes room as its stream grows, up to TxStream: a short
// stream is not charged the whole window. The room is the windows' own
// budget: it is not stream memory, whose pressure ends flows early.
func TestTxStreamWindowGrows(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TxStream = 16 << 10
	cfg.StreamMemcap = 17 << 10 // the window alone would be within a tenth of it
	tr, _ := newTracker(cfg)
	f := &flowState{tcp: &tcpState{}}
	d := inspect.ToServer
	tr.txStreamData(f, d, make([]byte, 100))
	if tr.txMem >= cfg.TxStream || tr.txMem < 100 {
		t.Errorf("100 bytes of stream charged %d bytes of window", tr.txMem)
	}
	chunk := make([]byte, 1000)
	for i := range 40 {
		chunk[0] = byte(i)
		tr.txStreamData(f, d, chunk)
	}
	w := f.tcp.tx[d].b
	if len(w) != cfg.TxStream || tr.txMem != cap(w) || cap(w) != cfg.TxStream || w[len(w)-1000] != 39 {
		t.Errorf("after 40 KB: window of %d bytes (room %d, charged %d), want the last %d bytes", len(w), cap(w), tr.txMem, cfg.TxStream)
	}
	if tr.streamMem != 0 || tr.memoryPressure() {
		t.Errorf("the windows count as stream memory (%d bytes) or its pressure", tr.streamMem)
	}
	tr.txStreamRelease(f.tcp)
	if tr.txMem != 0 {
		t.Errorf("%d bytes of window room left after the flow", tr.txMem)
	}
}

// Units given the window before the stream's next bytes share it; those
// bytes, or a gap, leave the payloads they were given as they were.
func TestTxStreamWindowLent(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TxStream = 8
	tr, _ := newTracker(cfg)
	f := &flowState{tcp: &tcpState{}}
	d := inspect.ToServer
	tr.txStreamData(f, d, []byte("abcdef"))
	u1, u2 := &inspect.Unit{Kind: inspect.KindApp, Dir: d}, &inspect.Unit{Kind: inspect.KindApp, Dir: d}
	tr.setTxStream(f, u1)
	tr.setTxStream(f, u2)
	p1, _ := u1.Buffer("payload")
	p2, _ := u2.Buffer("payload")
	if &p1[0] != &p2[0] {
		t.Error("two units before the next bytes got two copies of the window")
	}
	tr.txStreamData(f, d, []byte("gh"))
	tr.txStreamGap(f, d)
	tr.txStreamData(f, d, []byte("XYZ"))
	for _, u := range []*inspect.Unit{u1, u2} {
		if p, _ := u.Buffer("payload"); string(p) != "abcdef" {
			t.Errorf("a unit's payload changed with the stream: %q", p)
		}
	}
	u3 := &inspect.Unit{Kind: inspect.KindApp, Dir: d}
	tr.setTxStream(f, u3)
	tr.txStreamGap(f, d)
	tr.txStreamData(f, d, []byte("Q"))
	if p, _ := u3.Buffer("payload"); string(p) != "XYZ" {
		t.Errorf("a unit's payload changed at a gap: %q", p)
	}
}

// Once the window is full, lending it to a unit that waits while the
// stream moves on takes no new memory: the stream goes on in a buffer
// given back by an earlier unit's inspection.
func TestTxStreamWindowReused(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TxStream = 16 << 10
	tr, _ := newTracker(cfg)
	f := &flowState{tcp: &tcpState{}}
	d := inspect.ToServer
	chunk := make([]byte, 1400)
	u := &inspect.Unit{}
	var n byte
	step := func() {
		n++
		chunk[len(chunk)-1] = n
		tr.txStreamData(f, d, chunk)
		u.Kind, u.Dir = inspect.KindApp, d
		tr.setTxStream(f, u)
		tr.txStreamData(f, d, chunk[:100]) // while u waits
		if p, _ := u.Buffer("payload"); len(p) != cfg.TxStream && n > 20 || p[len(p)-1] != n {
			t.Fatalf("lent window of %d bytes ending %d, want the stream's last %d bytes, ending %d", len(p), p[len(p)-1], cfg.TxStream, n)
		}
		tr.txReturn(u)
		u.Reset()
	}
	for range 30 {
		step()
	}
	if allocs := testing.AllocsPerRun(100, step); allocs != 0 {
		t.Errorf("%.1f allocations per window lent while the stream moved on, want 0", allocs)
	}
	if len(tr.txs.loans) != 0 || len(tr.txs.old) != 0 || tr.txMem != cfg.TxStream {
		t.Errorf("after the units' inspection: %d loans, %d windows left lent, %d bytes of room charged", len(tr.txs.loans), len(tr.txs.old), tr.txMem)
	}
}

// A window the stream left is reused only once every unit it was lent to
// was inspected; its bytes stay as they were until then.
func TestTxStreamWindowLentUntilInspected(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TxStream = 8
	tr, _ := newTracker(cfg)
	f := &flowState{tcp: &tcpState{}}
	d := inspect.ToServer
	tr.txStreamData(f, d, []byte("abcdef"))
	u1, u2 := &inspect.Unit{Kind: inspect.KindApp, Dir: d}, &inspect.Unit{Kind: inspect.KindApp, Dir: d}
	tr.setTxStream(f, u1)
	tr.setTxStream(f, u2)
	tr.txStreamData(f, d, []byte("gh"))
	tr.txReturn(u1)
	tr.txReturn(u1) // inspected again: u2 still holds the window
	for _, s := range []string{"ijklmnop", "qr", "st"} {
		u := &inspect.Unit{Kind: inspect.KindApp, Dir: d}
		tr.setTxStream(f, u)
		tr.txStreamData(f, d, []byte(s))
		tr.txReturn(u)
	}
	if p, _ := u2.Buffer("payload"); string(p) != "abcdef" {
		t.Fatalf("a waiting unit's payload changed: %q", p)
	}
	if len(tr.txs.old) != 1 {
		t.Fatalf("%d windows followed, want the one u2 holds", len(tr.txs.old))
	}
	tr.txReturn(u2)
	if len(tr.txs.old) != 0 || tr.txs.free.held == 0 {
		t.Errorf("u2 inspected: %d windows still followed, %d bytes of room free", len(tr.txs.old), tr.txs.free.held)
	}
	if got := string(f.tcp.tx[d].b); got != "mnopqrst" {
		t.Errorf("window %q, want the last 8 bytes", got)
	}
}

// An ended flow's windows and loans are let go, also those of units the
// flow's end inspects after it.
func TestTxStreamReleaseLent(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TxStream = 8
	tr, _ := newTracker(cfg)
	f := &flowState{tcp: &tcpState{}}
	d := inspect.ToServer
	tr.txStreamData(f, d, []byte("abc"))
	u1 := &inspect.Unit{Kind: inspect.KindApp, Dir: d}
	tr.setTxStream(f, u1)
	tr.txStreamData(f, d, []byte("def"))
	u2 := &inspect.Unit{Kind: inspect.KindApp, Dir: d}
	tr.setTxStream(f, u2)
	tr.txStreamRelease(f.tcp)
	if tr.txMem != 0 || len(tr.txs.loans) != 0 || len(tr.txs.old) != 0 || tr.txs.free.held != 0 {
		t.Errorf("after the flow: %d bytes charged, %d loans, %d windows followed, %d bytes of lent windows made free",
			tr.txMem, len(tr.txs.loans), len(tr.txs.old), tr.txs.free.held)
	}
	tr.txReturn(u2)
	if p, _ := u2.Buffer("payload"); string(p) != "abcdef" {
		t.Errorf("payload %q after the flow's end", p)
	}
}

// Only the transaction units a rule may inspect the window on are given
// it, and a direction whose protocol is decided for good keeps none
// unless they may.
func TestTxStreamFor(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TxStream = 64
	cfg.TxStreamFor = func(app string, d inspect.Dir) bool { return app == "http" && d == inspect.ToServer }
	tr, _ := newTracker(cfg)
	lent := func(f *flowState, d inspect.Dir) bool {
		u := &inspect.Unit{Kind: inspect.KindApp, Dir: d}
		tr.setTxStream(f, u)
		_, ok := u.Buffer("payload")
		tr.txReturn(u)
		return ok
	}
	web := &flowState{tcp: &tcpState{}}
	web.App, web.app.kind = "http", appHTTP
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		tr.txStreamData(web, d, []byte("data"))
		if len(web.tcp.tx[d].b) != 4 {
			// HTTP may turn into another protocol (CONNECT)
			t.Errorf("http dir %d: window %q, want it kept", d, web.tcp.tx[d].b)
		}
	}
	if !lent(web, inspect.ToServer) || lent(web, inspect.ToClient) {
		t.Errorf("http: window given to server %v, to client %v; want to server only", lent(web, inspect.ToServer), lent(web, inspect.ToClient))
	}
	tls := &flowState{tcp: &tcpState{}}
	tr.txStreamData(tls, inspect.ToServer, []byte("hello"))
	mem := tr.txMem
	tls.App, tls.app.kind = "tls", appTLS
	tr.txStreamData(tls, inspect.ToServer, []byte("more"))
	if len(tls.tcp.tx[inspect.ToServer].b) != 0 || tr.txMem >= mem || lent(tls, inspect.ToServer) {
		t.Errorf("tls: window %q kept (%d bytes charged, %d before it was detected)", tls.tcp.tx[inspect.ToServer].b, tr.txMem, mem)
	}
}

// A new flow's window grows in the buffers ended flows gave back, of
// every room txRoom makes; what is kept for reuse is bounded.
func TestTxStreamWindowsReusedAcrossFlows(t *testing.T) {
	for _, size := range []int{16 << 10, 20000, 300} {
		cfg := DefaultConfig()
		cfg.TxStream = size
		tr, _ := newTracker(cfg)
		chunk := make([]byte, 700)
		tcs := make([]tcpState, 4)
		f := &flowState{}
		flow := func() {
			for i := range tcs {
				tcs[i] = tcpState{}
				f.tcp = &tcs[i]
				for range 40 {
					tr.txStreamData(f, inspect.ToServer, chunk)
				}
				if got := len(f.tcp.tx[inspect.ToServer].b); got != size {
					t.Fatalf("TxStream %d: window of %d bytes", size, got)
				}
			}
			for i := range tcs {
				tr.txStreamRelease(&tcs[i])
			}
		}
		flow()
		if allocs := testing.AllocsPerRun(20, flow); allocs != 0 {
			t.Errorf("TxStream %d: %.1f allocations for four flows after four others ended, want 0", size, allocs)
		}
		for range maxTxFree / size * 2 {
			tr.txs.free.put(make([]byte, 0, size))
		}
		if tr.txs.free.held > maxTxFree {
			t.Errorf("TxStream %d: %d bytes of room kept for reuse, bound %d", size, tr.txs.free.held, maxTxFree)
		}
	}
}
