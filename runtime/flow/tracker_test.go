package flow

import (
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/rulec/rulec/runtime/decode"
	"net/netip"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/inspect"
)

func TestHandshakeEstablishesAndOrients(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	hs := c.handshake()
	var established []bool
	for _, f := range hs {
		feed(t, tr, f)
		established = append(established, s.units[len(s.units)-1].est)
	}
	if established[0] || established[1] || !established[2] {
		t.Errorf("established after SYN, SYN/ACK, ACK: %v", established)
	}
	fl := s.units[0].flow
	if fl.Client != c.cli || fl.Server != c.srv || fl.ClientPort != 40000 || fl.ServerPort != 80 || fl.Proto != 6 {
		t.Errorf("flow orientation %+v", fl)
	}
	if fl.Pkts[inspect.ToServer] != 2 || fl.Pkts[inspect.ToClient] != 1 || fl.Bytes[inspect.ToServer] != uint64(len(hs[0])+len(hs[2])) {
		t.Errorf("counters %v %v", fl.Pkts, fl.Bytes)
	}
	wantDirs := []inspect.Dir{inspect.ToServer, inspect.ToClient, inspect.ToServer}
	for i, u := range s.units {
		if u.kind != inspect.KindPacket || u.dir != wantDirs[i] || u.packet == nil || u.flowID != fl.ID || fl.ID == 0 {
			t.Errorf("unit %d: kind %v dir %v id %d", i, u.kind, u.dir, u.flowID)
		}
	}
}

func TestSplitHandshakeEstablishes(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.frame(true, syn, 1000, 0, ""), c.frame(false, syn, 5000, 0, ""), c.frame(true, syn|ack, 1000, 5001, ""))
	if s.units[2].est {
		t.Fatal("established before the last ACK")
	}
	feed(t, tr, c.frame(false, ack, 5001, 1001, ""))
	if !s.units[3].est {
		t.Error("split handshake not established")
	}
}

func TestSynAckFirstOrientation(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.frame(false, syn|ack, 5000, 1001, ""))
	u := s.units[0]
	if u.flow.Client != c.cli || u.dir != inspect.ToClient {
		t.Errorf("client %v, dir %v", u.flow.Client, u.dir)
	}
}

func TestMidstream(t *testing.T) {
	for _, midstream := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.Midstream = midstream
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
		feed(t, tr, c.c2s("GET /mid HTTP/1.1\r\n\r\n"), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
		last := s.units[len(s.units)-1]
		if last.est != midstream {
			t.Errorf("midstream %v: established %v", midstream, last.est)
		}
		tr.Flush() // the request, parsed on the response's ACK, is inspected with the flow's end
		if got := len(s.withBuffer("http.uri")) > 0; got != midstream {
			t.Errorf("midstream %v: http parsed %v", midstream, got)
		}
		if got := len(s.of(inspect.KindPacket)); got != 2 {
			t.Errorf("midstream %v: %d packet units", midstream, got)
		}
		if last.flow.Client != c.cli {
			t.Errorf("midstream %v: client %v", midstream, last.flow.Client)
		}
	}
}

func TestUDPEstablishedBothWays(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	feed(t, tr, udp("10.0.0.1", "10.0.0.2", 5000, 6000, []byte("one")), udp("10.0.0.1", "10.0.0.2", 5000, 6000, []byte("two")))
	if s.units[1].est {
		t.Fatal("one-way UDP established")
	}
	feed(t, tr, udp("10.0.0.2", "10.0.0.1", 6000, 5000, []byte("back")))
	u := s.units[2]
	if !u.est || u.dir != inspect.ToClient || u.buffers["payload"] != "back" {
		t.Errorf("reply: established %v dir %v payload %q", u.est, u.dir, u.buffers["payload"])
	}
	if s.units[0].flowID != u.flowID {
		t.Error("reply in another flow")
	}
}

func TestICMPEchoSharesFlow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	feed(t, tr,
		pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 1, IType: 8, Payload: []byte("ping")}),
		pktgen.Build(pktgen.Spec{Src: b, Dst: a, Proto: 1, IType: 0, Payload: []byte("ping")}),
		pktgen.Build(pktgen.Spec{Src: b, Dst: a, Proto: 1, IType: 3, ICode: 1}))
	if s.units[0].flowID != s.units[1].flowID || !s.units[1].est || s.units[1].dir != inspect.ToClient {
		t.Error("echo reply not in the request's flow")
	}
	if s.units[2].flowID == s.units[0].flowID {
		t.Error("unreachable in the echo flow")
	}
	if p := s.units[0].packet; p.IType != 8 || s.units[0].buffers["payload"] != "ping" {
		t.Errorf("icmp packet type %d payload %q", p.IType, s.units[0].buffers["payload"])
	}
}

func TestVLANAndIPv6(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c1 := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	c1.vlans = []uint16{100, 200}
	c2 := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	c2.vlans = []uint16{101}
	c6 := newConn("2001:db8::1", "2001:db8::2", 40000, 80)
	feed(t, tr, concat(c1.handshake(), c1.c2s("GET /v1 HTTP/1.1\r\n\r\n"), c1.sAck(), c1.cAck(), c2.handshake(), c6.handshake(),
		c6.c2s("GET /v6 HTTP/1.1\r\n\r\n"), c6.sAck(), c6.cAck())...)
	if st := tr.Stats(); st.ActiveFlows != 3 || st.Flows != 3 {
		t.Errorf("flows %+v", st)
	}
	if v := s.units[0].packet.VLANs; len(v) != 2 || v[0] != 100 || v[1] != 200 {
		t.Errorf("vlans %v", v)
	}
	uris := s.withBuffer("http.uri")
	if len(uris) != 2 || uris[0].buffers["http.uri"] != "/v1" || uris[1].buffers["http.uri"] != "/v6" {
		t.Fatalf("uris %v", uris)
	}
	if uris[1].flow.Client != c6.cli || !uris[1].flow.Client.Is6() {
		t.Errorf("v6 client %v", uris[1].flow.Client)
	}
}

func TestDecodeErrorsLeaveFlowsAlone(t *testing.T) {
	good := udp("10.0.0.1", "10.0.0.2", 1, 2, []byte("x"))
	tcp := newConn("10.0.0.1", "10.0.0.2", 40000, 80).handshake()[0]
	cutIP := append([]byte(nil), good...)
	cutIP[16], cutIP[17] = 0x01, 0x00 // IPv4 total length 256
	badIHL := append([]byte(nil), good...)
	badIHL[14] = 0x43
	badVersion := append([]byte(nil), good...)
	badVersion[14] = 0x65
	badOffset := append([]byte(nil), tcp...)
	badOffset[14+20+12] = 0x20 // TCP data offset 2 words
	arp := append([]byte(nil), good[:14]...)
	arp[12], arp[13] = 0x08, 0x06
	arp = append(arp, make([]byte, 28)...)
	tests := []struct {
		name  string
		frame []byte
		want  error
	}{
		{"short ethernet", good[:10], decode.ErrTruncated},
		{"cut ip header", good[:14+12], decode.ErrTruncated},
		{"ip length beyond frame", cutIP, decode.ErrTruncated},
		{"cut tcp header", tcp[:14+20+10], decode.ErrTruncated},
		{"bad ihl", badIHL, decode.ErrCorrupt},
		{"bad version", badVersion, decode.ErrCorrupt},
		{"cut vlan tag", pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Proto: 17, VLANs: []uint16{5}})[:16], decode.ErrTruncated},
	}
	cfg := DefaultConfig()
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40001, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /bro"))...)
	for _, tc := range tests {
		p, err := tr.Frame(nextTS(tr), tc.frame)
		if !errors.Is(err, tc.want) || p != nil {
			t.Errorf("%s: got %v, %v; want %v", tc.name, p, err, tc.want)
		}
	}
	if p, err := tr.Frame(nextTS(tr), badOffset); p == nil || err != nil || p.Sport != 0 {
		t.Errorf("bad tcp offset: %v, %v; want an IP-only packet", p, err)
	}
	if p, err := tr.Frame(nextTS(tr), arp); p != nil || err != nil {
		t.Errorf("arp: %v, %v", p, err)
	}
	feed(t, tr, c.c2s("ken HTTP/1.1\r\n\r\n"), c.sAck(), c.cAck())
	uris := s.withBuffer("http.uri")
	if len(uris) != 1 || uris[0].buffers["http.uri"] != "/broken" {
		t.Fatalf("request across bad frames: %v", uris)
	}
	st := tr.Stats()
	if st.DecodeErrors != uint64(len(tests)) || st.NonIP != 1 || st.InvalidL4 != 1 || st.ActiveFlows != 2 || st.Packets != 8 {
		t.Errorf("stats %+v", st)
	}
}

func TestEviction(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxFlows = 2
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.9", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("held stream bytes"))...)
	feed(t, tr, udp("10.0.0.1", "10.0.0.2", 1, 2, []byte("a")))
	firstUDP := s.units[len(s.units)-1].flowID
	feed(t, tr, udp("10.0.0.3", "10.0.0.2", 1, 2, []byte("b")))
	st := tr.Stats()
	if st.Evicted != 1 || st.EvictedEstablished != 0 || st.ActiveFlows != 2 || st.Emergencies != 1 {
		t.Fatalf("a new flow evicts the new flow, not the older established one: stats %+v", st)
	}
	if chunks := s.of(inspect.KindStream); len(chunks) != 0 {
		t.Fatalf("established flow was ended: %v", chunks)
	}
	// Both flows established: the least recently used one goes.
	feed(t, tr, udp("10.0.0.2", "10.0.0.3", 2, 1, []byte("b reply")), udp("10.0.0.4", "10.0.0.2", 1, 2, []byte("c")))
	chunks := s.of(inspect.KindStream)
	if len(chunks) != 1 || chunks[0].buffers["payload"] != "held stream bytes" || chunks[0].packet != nil {
		t.Fatalf("evicted flow's stream not flushed: %v", chunks)
	}
	feed(t, tr, udp("10.0.0.1", "10.0.0.2", 1, 2, []byte("a2")))
	if last := s.units[len(s.units)-1]; last.flowID != firstUDP || last.buffers["payload"] != "a2" || last.flow.Pkts[inspect.ToServer] != 1 {
		t.Errorf("evicted flow came back as flow %d with %d packets, want a new flow with its key's id %d", last.flowID, last.flow.Pkts[inspect.ToServer], firstUDP)
	}
	if st := tr.Stats(); st.Evicted != 3 || st.EvictedEstablished != 1 || st.Flows != 5 {
		t.Errorf("stats %+v", st)
	}
}

// A SYN flood between two halves of a request fills the table: the new
// flows evict each other and the established connection keeps its
// request.
func TestSYNFloodKeepsEstablishedFlows(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxFlows = 64
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /first-half"))...)
	const syns = 5000
	for i := range syns {
		a := newConn(fmt.Sprintf("172.16.%d.%d", i>>8, i&255), "10.0.0.2", uint16(1024+i), 80)
		feed(t, tr, a.frame(true, syn, 1, 0, ""))
	}
	feed(t, tr, c.c2s("/second-half HTTP/1.1\r\nHost: x\r\n\r\n"), c.sAck(), c.cAck())
	uris := s.withBuffer("http.uri")
	if len(uris) != 1 || uris[0].buffers["http.uri"] != "/first-half/second-half" {
		t.Fatalf("request across the flood: %v", uris)
	}
	st := tr.Stats()
	if st.Evicted != syns-(64-1) || st.EvictedEstablished != 0 || st.ActiveFlows != 64 {
		t.Errorf("stats %+v", st)
	}
}

// A full table enters emergency mode: new flows idle past the emergency
// timeout end without eviction, and the mode ends once enough is free.
func TestEmergencyTimeouts(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxFlows = 10
	tr, _ := newTracker(cfg)
	synAt := func(i int, ts time.Time) {
		a := newConn(fmt.Sprintf("172.16.0.%d", i), "10.0.0.2", 1024, 80)
		if _, err := tr.Frame(ts, a.frame(true, syn, 1, 0, "")); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 10 {
		synAt(i, t0)
	}
	synAt(100, t0.Add(6*time.Second)) // past emergency-new (5 s), within new (60 s)
	st := tr.Stats()
	if st.Emergencies != 1 || st.TimedOut != 10 || st.Evicted != 0 || st.ActiveFlows != 1 {
		t.Errorf("stats %+v", st)
	}
	if tr.table.emergency {
		t.Error("still in emergency mode with the table 90% free")
	}
	synAt(101, t0.Add(12*time.Second))
	if st := tr.Stats(); st.ActiveFlows != 2 || st.TimedOut != 10 {
		t.Errorf("normal timeouts apply again: stats %+v", st)
	}
}

func TestTimeoutByPacketTime(t *testing.T) {
	cfg := DefaultConfig()
	cfg.OtherTimeouts = Timeouts{New: time.Minute, Established: time.Minute}
	tr, s := newTracker(cfg)
	frame := udp("10.0.0.1", "10.0.0.2", 1, 2, []byte("x"))
	for _, ts := range []time.Time{t0, t0.Add(59 * time.Second), t0.Add(119 * time.Second), t0.Add(181 * time.Second)} {
		if _, err := tr.Frame(ts, frame); err != nil {
			t.Fatal(err)
		}
	}
	if s.units[0].flow != s.units[2].flow || s.units[2].flow == s.units[3].flow || s.units[3].flowID != s.units[0].flowID {
		t.Error("the flow did not time out once into a new flow with the same id")
	}
	if st := tr.Stats(); st.TimedOut != 1 || st.Flows != 2 {
		t.Errorf("timed out %d, flows %d", st.TimedOut, st.Flows)
	}
}

func TestReuseAfterClose(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.frame(true, rst|ack, c.cseq, c.sseq, ""))...)
	first := s.units[0].flow
	c.cseq += 5000
	feed(t, tr, c.handshake()...)
	last := s.units[len(s.units)-1]
	if last.flow == first || last.flowID != first.ID || !last.est {
		t.Errorf("reused tuple: same flow %v, id %d (old %d), established %v", last.flow == first, last.flowID, first.ID, last.est)
	}
	if st := tr.Stats(); st.Reused != 1 || st.ActiveFlows != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestPacketUnitBeforeAppUnits(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\n\r\n"), c.sAck(), c.cAck())...)
	last := s.units[len(s.units)-2:]
	if last[0].kind != inspect.KindPacket || last[1].kind != inspect.KindApp || last[0].samePkt != last[1].samePkt || last[1].packet == nil {
		t.Errorf("order: %v then %v", last[0].kind, last[1].kind)
	}
}

// TestInvalidTransportHeaderIsIPOnly: a TCP header longer than the IP
// payload (an nmap-style SYN) is inspected as an IP packet, as Suricata
// does, and counted.
func TestInvalidTransportHeaderIsIPOnly(t *testing.T) {
	frame, _ := hex.DecodeString("002590e3d2e10c8610edd7c6080045000028e22c00003606fe60745ae710b9648f73d8e40017b9648f73000000006002183c15530000000000000000")
	tr, s := newTracker(DefaultConfig())
	p, err := tr.Frame(time.Unix(1, 0), frame)
	if err != nil || p == nil {
		t.Fatalf("packet %v, err %v", p, err)
	}
	if p.Proto != 6 || p.Src.String() != "116.90.231.16" || p.Sport != 0 || len(p.Payload) != 0 {
		t.Errorf("packet %+v", p)
	}
	if st := tr.Stats(); st.InvalidL4 != 1 || st.Packets != 1 || st.DecodeErrors != 0 {
		t.Errorf("stats %+v", st)
	}
	if n := len(s.of(inspect.KindPacket)); n != 1 {
		t.Errorf("%d packet units", n)
	}
}

func TestFlowEndEvents(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxFlows = 1
	cfg.OtherTimeouts = Timeouts{New: time.Minute, Established: time.Minute}
	tr, s := newTracker(cfg)
	var ended []uint64
	unitsAtEnd := map[uint64]int{}
	tr.OnFlowEnd(func(f *inspect.Flow) {
		ended = append(ended, f.ID)
		unitsAtEnd[f.ID] = len(s.units)
	})
	c := newConn("10.0.0.9", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("held"))...)
	tcpID := s.units[0].flowID
	feed(t, tr, udp("10.0.0.1", "10.0.0.2", 1, 2, []byte("a")))
	udpID := s.units[len(s.units)-1].flowID
	if len(ended) != 1 || ended[0] != tcpID {
		t.Fatalf("evicted flow: ended %v, want [%d]", ended, tcpID)
	}
	if chunks := s.of(inspect.KindStream); len(chunks) != 1 || unitsAtEnd[tcpID] < len(s.units)-1 {
		t.Errorf("flow end reported before its flushed stream chunk (%d chunks)", len(chunks))
	}
	if _, err := tr.Frame(t0.Add(time.Hour), udp("10.0.0.3", "10.0.0.2", 1, 2, []byte("b"))); err != nil {
		t.Fatal(err)
	}
	if len(ended) != 2 || ended[1] != udpID {
		t.Fatalf("timed out flow: ended %v", ended)
	}
	tr.Flush()
	if len(ended) != 3 {
		t.Errorf("flush: ended %v", ended)
	}
}

// TestUnitReuse: packet and stream units are reused once emitted, app
// units (which may wait for their EVE record) are not.
func TestUnitReuse(t *testing.T) {
	var packets []*inspect.Unit
	var app *inspect.Unit
	tr := NewTracker(DefaultConfig(), func(u *inspect.Unit) {
		switch u.Kind {
		case inspect.KindPacket:
			packets = append(packets, u)
		case inspect.KindApp:
			if app == nil {
				app = u
			}
		}
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /kept HTTP/1.1\r\nHost: a\r\n\r\n"), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), c.cAck())...)
	if app == nil {
		t.Fatal("no app unit")
	}
	if uri, _ := app.Buffer("http.uri"); string(uri) != "/kept" || app.Kind != inspect.KindApp {
		t.Errorf("app unit changed after later frames: uri %q kind %v", uri, app.Kind)
	}
	distinct := map[*inspect.Unit]bool{}
	for _, u := range packets {
		distinct[u] = true
	}
	// the request's and the response's app units each keep the spare unit
	// they took: a third allocation at most
	if len(packets) < 6 || len(distinct) > 3 {
		t.Errorf("%d packet units in %d allocations", len(packets), len(distinct))
	}
}
