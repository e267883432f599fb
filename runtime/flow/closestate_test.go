package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestCloseStates: the TCP state a flow record names follows Suricata's
// closing sequences: the client's FIN first (close_wait, last_ack,
// closed), the server's FIN first (fin_wait1, fin_wait2, time_wait,
// closed), and a FIN before the session is established, which changes
// nothing.
func TestCloseStates(t *testing.T) {
	type step struct {
		toServer bool
		flags    uint8
	}
	for _, c := range []struct {
		name  string
		steps []step
		want  []string
	}{
		{"client closes", []step{{true, fin | ack}, {false, ack}, {false, fin | ack}, {true, ack}},
			[]string{"close_wait", "close_wait", "last_ack", "closed"}},
		{"server closes", []step{{false, fin | ack}, {true, ack}, {true, fin | ack}, {false, ack}},
			[]string{"fin_wait1", "fin_wait2", "time_wait", "closed"}},
		{"simultaneous", []step{{false, fin | ack}, {true, fin}, {false, ack}},
			[]string{"fin_wait1", "closing", "time_wait"}},
	} {
		for n := 1; n <= len(c.steps); n++ {
			tr, _ := newTracker(DefaultConfig())
			var got inspect.End
			tr.OnFlowEnd(func(f *inspect.Flow) { got = f.End })
			cn := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
			feed(t, tr, cn.handshake()...)
			for _, s := range c.steps[:n] {
				if s.toServer {
					feed(t, tr, cn.frame(true, s.flags, cn.cseq, cn.sseq, ""))
					cn.cseq += uint32(s.flags & fin)
				} else {
					feed(t, tr, cn.frame(false, s.flags, cn.sseq, cn.cseq, ""))
					cn.sseq += uint32(s.flags & fin)
				}
			}
			tr.Flush()
			if got.TCPState != c.want[n-1] {
				t.Errorf("%s, after step %d: %s, want %s", c.name, n, got.TCPState, c.want[n-1])
			}
		}
	}
	tr, _ := newTracker(DefaultConfig())
	var got inspect.End
	tr.OnFlowEnd(func(f *inspect.Flow) { got = f.End })
	cn := newConn("10.0.0.1", "10.0.0.2", 40001, 80)
	feed(t, tr, cn.handshake()[0], cn.frame(true, fin|ack, cn.cseq+1, 0, ""))
	tr.Flush()
	if got.TCPState != "syn_sent" {
		t.Errorf("FIN in syn_sent: %s", got.TCPState)
	}
}
