package flow

import "github.com/rulec/rulec/runtime/inspect"

// state is the flow's state as Suricata's EVE flow record names it.
func (f *flowState) state() string {
	switch {
	case f.tcp != nil && f.tcp.closed():
		return "closed"
	case f.Established:
		return "established"
	}
	return "new"
}

// tcpStateName is the TCP state Suricata's stream engine would be in,
// from the flags seen each way; "" for other protocols.
func (f *flowState) tcpStateName() string {
	tc := f.tcp
	if tc == nil {
		return ""
	}
	cs, sc := inspect.ToServer, inspect.ToClient
	switch {
	case tc.rst:
		return "closed"
	case tc.closing != "":
		return tc.closing
	case f.Established:
		return "established"
	case tc.syn[cs] && tc.syn[sc]:
		return "syn_recv"
	case tc.syn[cs]:
		return "syn_sent"
	}
	return "none"
}

// closeState follows an established session's closing as Suricata's
// stream engine names its states: the client's FIN makes it close_wait
// and the server's then last_ack, closed once the client acknowledges
// it; the server's FIN first makes it fin_wait1, then fin_wait2 when it
// is acknowledged, closing on a FIN that does not acknowledge it,
// time_wait on the other side's FIN that does, and closed on the last
// ACK. A FIN before the session is established changes nothing.
func (tc *tcpState) closeState(d inspect.Dir, flags uint8, seq, ack uint32, n int) {
	fin, hasAck := flags&flagFIN != 0, flags&flagACK != 0
	if fin {
		tc.finEnd[d] = seq + uint32(n) + 1
	}
	acksFin := hasAck && tc.fin[other(d)] && !seqLT(ack, tc.finEnd[other(d)])
	client := d == inspect.ToServer
	switch tc.closing {
	case "":
		switch {
		case fin && client:
			tc.closing = "close_wait"
		case fin:
			tc.closing = "fin_wait1"
		}
	case "close_wait":
		if fin && !client {
			tc.closing = "last_ack"
		}
	case "last_ack":
		if client && acksFin {
			tc.closing = "closed"
		}
	case "fin_wait1":
		switch {
		case fin && acksFin:
			tc.closing = "time_wait"
		case fin && client:
			tc.closing = "closing"
		case acksFin:
			tc.closing = "fin_wait2"
		}
	case "fin_wait2":
		if fin && client {
			tc.closing = "time_wait"
		}
	case "closing":
		if acksFin {
			tc.closing = "time_wait"
		}
	case "time_wait":
		if acksFin {
			tc.closing = "closed"
		}
	}
}
