package flow

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/inspect"
)

// md5Option is an RFC 2385 signature option (the digest is not checked).
var md5Option = pktgen.TCPOption{Kind: 19, Data: make([]byte, 16)}

// signed is a frame of c with TCP options.
func (c *conn) signed(toServer bool, flags uint8, seq, ackNo uint32, payload string, opts ...pktgen.TCPOption) []byte {
	s := pktgen.Spec{Src: c.cli, Dst: c.srv, Proto: 6, Sport: c.cport, Dport: c.sport, TCPFlags: flags, Seq: seq, Ack: ackNo, Payload: []byte(payload), TCPOptions: opts}
	if !toServer {
		s.Src, s.Dst, s.Sport, s.Dport = s.Dst, s.Src, s.Dport, s.Sport
	}
	return pktgen.Build(s)
}

// packetEvents lists the stream events of each packet unit, in order.
func packetEvents(s *sink) [][]string {
	var out [][]string
	for _, u := range s.of(inspect.KindPacket) {
		var evs []string
		for e := range inspect.NumStreamEvents {
			if u.packet.StreamEvents.Has(e) {
				evs = append(evs, e.String())
			}
		}
		out = append(out, evs)
	}
	return out
}

// A reset signed with TCP MD5 closes the session, but when its sender goes
// on, Suricata suspects an injected reset, raises suspected_rst_inject on
// that packet and resumes the session: the request is still parsed. The
// receiver's data meanwhile is not reassembled.
func TestSuspectedRSTInject(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	frames := concat(c.handshake(),
		c.signed(true, rst|ack, c.cseq, c.sseq, "", md5Option),
		c.frame(false, psh|ack, c.sseq, c.cseq, "ignored"),
		c.c2s("GET /after HTTP/1.1\r\nHost: a\r\n\r\n"))
	feed(t, tr, frames...)
	tr.Flush()
	got := packetEvents(s)
	want := [][]string{nil, nil, nil, nil, nil, {"suspected_rst_inject"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("events by packet %v, want %v", got, want)
	}
	if uris := s.withBuffer("http.uri"); len(uris) == 0 || uris[0].buffers["http.uri"] != "/after" {
		t.Errorf("the resumed session's request was not parsed: %d http.uri units", len(uris))
	}
	if got := s.stream(inspect.ToClient); got != "" {
		t.Errorf("server data %q reassembled while the reset stood", got)
	}
}

// An unsigned reset ends the session: the sender's later data raises no
// event and is not reassembled.
func TestUnsignedResetNoInjectEvent(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.frame(true, rst|ack, c.cseq, c.sseq, ""), c.c2s("GET /after HTTP/1.1\r\nHost: a\r\n\r\n"))...)
	tr.Flush()
	for i, evs := range packetEvents(s) {
		if len(evs) > 0 {
			t.Errorf("packet %d: events %v", i+1, evs)
		}
	}
	if n := len(s.withBuffer("http.uri")); n != 0 {
		t.Errorf("%d requests parsed after the reset", n)
	}
}

// A signed reset that fails Suricata's ACK check raises rst_invalid_ack
// and marks nothing: its sender's next packet raises no event. One with
// data raises rst_with_data. A reset out of sequence does not close the
// session; its sender going on is still suspect.
func TestResetChecks(t *testing.T) {
	cases := []struct {
		name  string
		reset func(c *conn) []byte
		want  [][]string
	}{
		{"invalid ack", func(c *conn) []byte { return c.signed(true, rst|ack, c.cseq, c.sseq+1<<30, "", md5Option) },
			[][]string{nil, nil, nil, {"rst_invalid_ack"}, nil}},
		{"with data", func(c *conn) []byte { return c.signed(true, rst|ack, c.cseq, c.sseq, "bye", md5Option) },
			[][]string{nil, nil, nil, {"rst_with_data"}, {"suspected_rst_inject"}}},
		{"out of sequence", func(c *conn) []byte { return c.signed(true, rst|ack, c.cseq+5, c.sseq, "", md5Option) },
			[][]string{nil, nil, nil, nil, {"suspected_rst_inject"}}},
		{"no ack flag", func(c *conn) []byte { return c.signed(true, rst, c.cseq, 0, "", md5Option) },
			[][]string{nil, nil, nil, nil, {"suspected_rst_inject"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, s := newTracker(DefaultConfig())
			c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
			feed(t, tr, concat(c.handshake(), tc.reset(c), c.c2s("GET / HTTP/1.1\r\n\r\n"))...)
			if got := packetEvents(s); !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("events by packet %v, want %v", got, tc.want)
			}
		})
	}
}

// A reset on a flow without a TCP session raises rst_but_no_session, a
// FIN fin_but_no_session (stream.midstream off: it starts none); an ACK
// number without the ACK flag raises pkt_broken_ack, session or not.
func TestNoSessionEvents(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.frame(true, rst, 5000, 0, ""), c.frame(true, rst, 5000, 77, ""))
	d := newConn("10.0.0.3", "10.0.0.2", 40001, 80)
	feed(t, tr, concat(d.handshake(), d.frame(true, psh, d.cseq, 9, "x"))...)
	e := newConn("10.0.0.4", "10.0.0.2", 40002, 80)
	feed(t, tr, e.frame(true, fin|ack, 7000, 8000, ""), e.frame(false, fin|ack, 8000, 7001, ""))
	got := packetEvents(s)
	want := [][]string{{"rst_but_no_session"}, {"pkt_broken_ack", "rst_but_no_session"}, nil, nil, nil, {"pkt_broken_ack"},
		{"fin_but_no_session"}, {"fin_but_no_session"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("events by packet %v, want %v", got, want)
	}
}

// A reset whose TCP checksum is wrong skips Suricata's stream engine: no
// event, unless checksums are not validated (-k none).
func TestStreamEventsBadChecksum(t *testing.T) {
	for _, ignore := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.IgnoreChecksums = ignore
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		f := c.frame(true, rst, 5000, 0, "")
		f[14+20+16] ^= 0xff // the TCP checksum
		feed(t, tr, f)
		got := packetEvents(s)
		if raised := len(got) == 1 && slices.Equal(got[0], []string{"rst_but_no_session"}); raised != ignore {
			t.Errorf("checksums ignored %v: events %v", ignore, got)
		}
	}
}

// A reset Suricata's checks refuse (out of sequence, or its ACK number
// out of the window) closes nothing: the request after it is parsed.
func TestRefusedResetKeepsSession(t *testing.T) {
	for _, name := range []string{"out of sequence", "invalid ack"} {
		tr, s := newTracker(DefaultConfig())
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		reset := c.frame(true, rst|ack, c.cseq+1+100, c.sseq+1, "")
		if name == "invalid ack" {
			reset = c.frame(true, rst|ack, c.cseq+1, c.sseq+1<<30, "")
		}
		feed(t, tr, concat(c.handshake(), reset, c.c2s("GET /kept HTTP/1.1\r\nHost: a\r\n\r\n"))...)
		tr.Flush()
		if uris := s.withBuffer("http.uri"); len(uris) == 0 || uris[0].buffers["http.uri"] != "/kept" {
			t.Errorf("%s: the request after the refused reset was not parsed", name)
		}
	}
}
