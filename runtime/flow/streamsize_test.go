package flow

import (
	"fmt"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestStreamSizeIsSequenceSpace: a flow's StreamSize is, per side, the
// next in-order sequence number less the initial one, as Suricata's
// stream_size reads it: the SYN counts one, in-order data its length, a
// retransmission or a segment past a hole nothing, the FIN one; across a
// sequence number wrap (the server's ISN is near 2^32).
func TestStreamSizeIsSequenceSpace(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	size := func() [3]uint32 { return s.units[len(s.units)-1].flow.StreamSize }
	hs := c.handshake()
	steps := []struct {
		frames   [][]byte
		cli, srv uint32
		what     string
	}{
		{hs[:1], 1, 0, "SYN"},
		{hs[1:2], 1, 1, "SYN/ACK"},
		{hs[2:3], 1, 1, "ACK"},
		{[][]byte{c.c2s("hello")}, 6, 1, "5 bytes in order"},
		{[][]byte{c.c2sAt(-5, "hello")}, 6, 1, "retransmission"},
		{[][]byte{c.c2sAt(10, "later")}, 6, 1, "past a hole"},
		{[][]byte{c.s2c("0123456789abcdefghij")}, 6, 21, "server data across the wrap"},
		{[][]byte{c.close()[0]}, 7, 21, "client FIN"},
	}
	for _, st := range steps {
		feed(t, tr, st.frames...)
		if got := size(); got[inspect.ToServer] != st.cli || got[inspect.ToClient] != st.srv {
			t.Errorf("%s: client %d server %d, want %d %d", st.what, got[inspect.ToServer], got[inspect.ToClient], st.cli, st.srv)
		}
	}
}

// TestStreamUnitGap: data delivered past a hole comes in a stream unit
// whose stream log (EVE's payload) says how many bytes are missing
// before it.
func TestStreamUnitGap(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StreamLog = 4096
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2sAt(4, "GOOD"), c.c2sAt(8, "DATA"))...)
	c.cseq += 12
	feed(t, tr, c.close()...)
	var got []string
	for _, u := range s.units {
		if u.kind == inspect.KindStream {
			got = append(got, fmt.Sprintf("%s:%s", u.log, u.buffers["payload"]))
		}
	}
	if len(got) != 1 || got[0] != "[4 bytes missing]GOODDATA:GOODDATA" {
		t.Errorf("stream units %q, want one of GOODDATA 4 bytes after a gap", got)
	}
}

// TestStreamGapInside: a hole the peer acknowledged inside held stream
// data does not end the held data: at the flow's end one stream unit
// carries the data on each side of it as separate payload instances
// (inspected apart, as Suricata's raw inspection walks its stream's
// blocks), and its stream log marks the hole.
func TestStreamGapInside(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StreamLog = 4096
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
	feed(t, tr, concat(c.handshake(), c.c2s("VERY"), c.c2sAt(4, "DATA"))...)
	c.cseq += 8
	feed(t, tr, c.s2c(""))
	if n := len(s.of(inspect.KindStream)); n != 0 {
		t.Fatalf("%d stream units before the flow's end", n)
	}
	tr.Flush()
	st := s.of(inspect.KindStream)
	if len(st) != 1 || st[0].packet != nil {
		t.Fatalf("stream units %+v, want one at the flow's end", st)
	}
	if got := fmt.Sprint(st[0].payloads); got != "[VERY DATA]" || st[0].log != "VERY[4 bytes missing]DATA" {
		t.Errorf("payloads %s, log %q", got, st[0].log)
	}
}

// TestStreamGapAckedInSteps: a hole its receiver acknowledges in steps
// is one gap in the stream log, as Suricata writes the missing range
// between two data blocks once.
func TestStreamGapAckedInSteps(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StreamLog = 4096
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
	feed(t, tr, concat(c.handshake(), c.c2s("GET"), c.sAck(), c.s2c("HEAD"))...)
	feed(t, tr, c.frame(true, ack, c.cseq, c.sseq+2, ""), c.frame(true, ack, c.cseq, c.sseq+5, ""),
		c.frame(true, ack, c.cseq, c.sseq+6, ""), c.frame(false, psh|ack, c.sseq+6, c.cseq, "TAIL"))
	tr.Flush()
	var logs []string
	for _, u := range s.of(inspect.KindStream) {
		if u.dir == inspect.ToClient {
			logs = append(logs, u.log)
		}
	}
	if len(logs) == 0 || logs[len(logs)-1] != "HEAD[6 bytes missing]TAIL" {
		t.Errorf("server stream logs %q, want the last HEAD[6 bytes missing]TAIL", logs)
	}
}
