package flow

import "github.com/rulec/rulec/runtime/inspect"

// resetModel is the part of Suricata's TCP session state that its reset
// checks read (StreamTcpValidateRst), by stream: a stream is the data one
// direction sends; its ACK number and window come from the other
// direction's packets.
type resetModel struct {
	lastAck [3]uint32 // the highest ACK number the receiver sent
	nextWin [3]uint32 // the highest lastAck plus window so far
	window  [3]uint32 // the receiver's advertised window, scaled
	acked   [3]bool   // lastAck is known
	wscale  [3]uint8  // the shift of the sender's windows
	synWS   int       // the client SYN's window scale option, -1 without
	synTS   bool      // the client SYN carried a timestamp
	ts      bool      // the session uses timestamps (SYN and SYN/ACK had them)
	lastTS  [3]uint32 // the sender's last in-order timestamp
	// rstRecv is Suricata's STREAMTCP_STREAM_FLAG_RST_RECV, by the
	// receiving direction: a reset signed with an option Suricata cannot
	// verify (TCP MD5, TCP-AO) was sent to it.
	rstRecv [3]bool
	// pending: such a reset from sender closed the session; the session
	// resumes when its sender goes on (Suricata restores the state it
	// had). kept: the packet being processed is a signed reset, which
	// closes nothing now.
	pending, kept bool
	sender        inspect.Dir
	started       bool // the client's SYN and the server's SYN/ACK were seen
}

// Seq comparisons in sequence space.
func seqLT(a, b uint32) bool  { return int32(a-b) < 0 }
func seqGT(a, b uint32) bool  { return int32(a-b) > 0 }
func seqLEQ(a, b uint32) bool { return int32(a-b) <= 0 }

// streamEvents raises the events Suricata's stream engine raises on a TCP
// packet before it is inspected, of those the tracker follows:
// pkt_broken_ack on every packet (the ACK number set without the ACK
// flag), rst_but_no_session on a reset before a session exists,
// fin_but_no_session on a FIN that does not pick one up, and the
// reset checks of a session past the server's SYN/ACK that saw no FIN
// and no reset taken yet: rst_with_data,
// rst_invalid_ack (checked against the ACK numbers and windows seen,
// timestamps in sessions that use them), and suspected_rst_inject on the
// next non-reset packet of the sender of a reset it signed with TCP MD5
// or TCP-AO, which Suricata cannot verify: a reset the receiver would
// take yet its sender ignores. Such a reset closes the session only until
// its sender goes on; meanwhile the receiver's data is not reassembled. A
// reset these checks refuse closes nothing.
// Resets while the client waits for the SYN/ACK, once a side sent a FIN,
// or in sessions picked up midstream raise none of these (Suricata's
// checks there are not followed). A packet whose TCP checksum is wrong
// skips the stream engine.
func (t *Tracker) streamEvents(f *flowState, d inspect.Dir, p *inspect.Packet) {
	tc := f.tcp
	m := &tc.model
	m.kept = false
	seg := t.seg
	flags := p.TCPFlags
	broken, rst := flags&flagACK == 0 && seg.Ack != 0, flags&flagRST != 0
	noSession := !tc.session && flags&(flagRST|flagFIN) != 0
	if (broken || rst || noSession || m.rstRecv[other(d)]) && badChecksum(p) {
		return // checked only where an event may follow: it costs a pass over the packet
	}
	if broken {
		p.StreamEvents.Set(inspect.StreamPktBrokenAck)
	}
	if !tc.session {
		switch {
		case rst:
			p.StreamEvents.Set(inspect.StreamRSTButNoSession)
		case flags&flagFIN != 0:
			p.StreamEvents.Set(inspect.StreamFINButNoSession)
		}
		return
	}
	if rst {
		if m.started && !tc.rst && !tc.fin[inspect.ToServer] && !tc.fin[inspect.ToClient] {
			t.checkReset(f, d, p)
		}
	} else if m.rstRecv[other(d)] {
		m.rstRecv[other(d)] = false
		p.StreamEvents.Set(inspect.StreamSuspectedRSTInject)
		if m.pending {
			m.pending, tc.rst = false, false
		}
	}
	m.follow(tc, d, p, seg.Seq, seg.Ack)
}

// badChecksum reports whether a packet's TCP checksum is validated and
// wrong: Suricata's stream engine then skips it.
func badChecksum(p *inspect.Packet) bool {
	if p.IgnoreChecksums {
		return false
	}
	proto := "tcpv4"
	if p.Family == 6 {
		proto = "tcpv6"
	}
	valid, ok := p.Checksum(proto)
	return ok && !valid
}

// checkReset is Suricata's StreamTcpValidateRst for a reset of direction
// d: the timestamp, data and ACK checks, the signed reset mark, then the
// sequence check (the windows/bsd host policies: the sender's next
// sequence number). A reset that fails them closes nothing (kept), as
// Suricata's stream engine ignores it; a signed one that passes closes
// the session until its sender goes on.
func (t *Tracker) checkReset(f *flowState, d inspect.Dir, p *inspect.Packet) {
	tc, m := f.tcp, &f.tcp.model
	seq, ack := t.seg.Seq, t.seg.Ack
	m.kept = true
	if ts, ok := p.TCPTimestamp(); m.ts && ok && !m.timestampValid(tc, d, p, seq, ts) {
		return
	}
	if len(p.Payload) > 0 {
		p.StreamEvents.Set(inspect.StreamRSTWithData)
	}
	r := other(d)
	if p.TCPFlags&flagACK != 0 && ack != 0 && !m.ackValid(r, ack) {
		p.StreamEvents.Set(inspect.StreamRSTInvalidAck)
		return
	}
	signed := p.TCPSigned()
	m.rstRecv[r] = m.rstRecv[r] || signed
	switch {
	case seq != tc.next[d]:
	case signed:
		m.pending, m.sender, tc.rst = true, d, true
	default:
		m.kept = false
	}
}

// timestampValid is Suricata's StreamTcpValidateTimestamp for a packet
// with a timestamp, under the receiver's host policy: windows for IPv4
// (the default suricata.yaml), bsd otherwise.
func (m *resetModel) timestampValid(tc *tcpState, d inspect.Dir, p *inspect.Packet, seq, ts uint32) bool {
	windows := p.Dst.Is4()
	last := m.lastTS[d]
	if last == 0 && windows && seq == tc.next[d] {
		return true // a zero timestamp in the handshake: this one sets it
	}
	if ts == 0 && !windows {
		return false
	}
	return int32(ts-last) >= 0
}

// ackValid is Suricata's StreamTcpValidateAck of an ACK number against
// stream s past the SYN_SENT state.
func (m *resetModel) ackValid(s inspect.Dir, ack uint32) bool {
	last := m.lastAck[s]
	switch {
	case seqGT(ack, last) && seqLEQ(ack, m.nextWin[s]), ack == last:
		return true
	case seqLT(ack, last):
		return m.window[s] == 0 || !seqLT(ack, last-m.window[s])
	}
	return false
}

// follow updates the model with a packet of direction d, after its
// checks: the handshake's window scales and timestamps, the ACK number
// and window it gives the other stream, and its timestamp.
func (m *resetModel) follow(tc *tcpState, d inspect.Dir, p *inspect.Packet, seq, ack uint32) {
	flags := p.TCPFlags
	ts, hasTS := p.TCPTimestamp()
	syn := flags&flagSYN != 0
	switch {
	case syn && flags&flagACK == 0 && d == inspect.ToServer && !m.started:
		m.synWS = -1
		if ws, ok := p.TCPWScale(); ok {
			m.synWS = int(ws)
		}
		m.synTS = hasTS
		m.lastTS[d] = ts
	case syn && flags&flagACK != 0 && d == inspect.ToClient && !m.started && tc.syn[inspect.ToServer]:
		if ws, ok := p.TCPWScale(); ok && m.synWS >= 0 {
			m.wscale[inspect.ToServer], m.wscale[inspect.ToClient] = uint8(m.synWS), ws
		}
		m.ts = m.synTS && hasTS
		m.lastTS[d] = ts
		m.lastAck[d], m.acked[d] = seq+1, true
		m.nextWin[d] = seq + 1 + m.window[d]
		m.started = true
	}
	if hasTS && seq == tc.next[d] && (!m.ts || int32(ts-m.lastTS[d]) >= 0) {
		m.lastTS[d] = ts
	}
	win, _ := p.TCPField("tcp.window")
	if h := tcpWindowShift(flags, m.wscale[d]); h > 0 {
		win <<= h
	}
	s := other(d)
	m.window[s] = win
	if flags&flagACK == 0 {
		return
	}
	first := !m.acked[s]
	if first || seqGT(ack, m.lastAck[s]) {
		m.lastAck[s], m.acked[s] = ack, true
	}
	if end := m.lastAck[s] + m.window[s]; first || seqGT(end, m.nextWin[s]) {
		m.nextWin[s] = end
	}
}

// tcpWindowShift is the scale of a packet's window: none on a SYN.
func tcpWindowShift(flags uint8, ws uint8) uint8 {
	if flags&flagSYN != 0 {
		return 0
	}
	return ws
}
