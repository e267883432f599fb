package flow

import (
	"testing"
	"time"
)

// TestHandshakeErrorIPS: inline, a session in SYN_RECV rejects the
// server's data (an ACK in the wrong direction) and the client's ACK of
// data it never accepted: both dropped as stream errors, the session is
// never established and the request is not parsed; the handshake's own
// ACK and a correct one are accepted; a FIN past its sender's next
// sequence number is rejected too. In IDS mode the server's data
// establishes the session (the handshake's ACK taken as lost).
func TestHandshakeErrorIPS(t *testing.T) {
	for _, ips := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.IPS = ips
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
		synAck := c.frame(false, syn|ack, c.sseq, c.cseq+1, "")
		frames := [][]byte{c.frame(true, syn, c.cseq, 0, ""), c.frame(true, ack, c.cseq+1, c.sseq+1, ""), synAck}
		c.cseq++
		c.sseq++
		banner := c.s2c("220 hello\r\n")
		late := c.cAck()
		helo := c.c2s("HELO x\r\n")
		finAhead := c.frame(false, fin|ack, c.sseq, c.cseq, "")
		var reasons []string
		ts := t0
		for _, f := range append(frames, banner, late, helo, finAhead) {
			ts = ts.Add(time.Millisecond)
			p, err := tr.Frame(ts, f)
			if err != nil {
				t.Fatal(err)
			}
			reasons = append(reasons, p.DropReason)
		}
		want := []string{"", "", "", "", "", "", ""}
		if ips {
			want = []string{"", "", "", DropStreamError, DropStreamError, DropStreamError, DropStreamError}
		}
		for i := range want {
			if reasons[i] != want[i] {
				t.Errorf("IPS %v: drop reasons %q, want %q", ips, reasons, want)
				break
			}
		}
		f := tr.table.oldest()
		if f.Established == ips {
			t.Errorf("IPS %v: established %v", ips, f.Established)
		}
		if ips && len(s.withBuffer("smtp.helo")) > 0 {
			t.Errorf("IPS: the dropped HELO was parsed")
		}
		if got := f.tcpStateName(); ips && got != "syn_recv" {
			t.Errorf("IPS: TCP state %q, want syn_recv", got)
		}
	}
}
