package flow

import (
	"github.com/rulec/rulec/runtime/flow/reasm"
	"github.com/rulec/rulec/runtime/inspect"
)

const (
	flagFIN = 0x01
	flagSYN = 0x02
	flagRST = 0x04
	flagACK = 0x10
	flagURG = 0x20
)

func other(d inspect.Dir) inspect.Dir { return 3 - d }

// tcpState is the connection state of a TCP flow, indexed by direction.
type tcpState struct {
	half       [3]reasm.Half
	recv       [3]receiver
	syn        [3]bool
	synAck     [3]bool
	fin        [3]bool
	rst        bool
	reassemble bool // the flow started with a SYN, or was picked up midstream
	async      bool // followed one way (stream.async-oneside)
	session    bool // a SYN started the connection, or it was picked up midstream
	chunk      [3][]byte
	cuts       [3][]int // where a gap splits chunk: its pieces are inspected apart
	rawReady   [3]bool  // IDS: chunk is inspected with the direction's next packet
	chunkMem   int      // capacity of chunk and log, charged to the stream memcap
	log        [3]streamLog
	tx         [3]txWindow // the stream's last bytes, for transaction units (txstream.go)
	txOut      int         // units given one of its windows, not inspected yet
	inspected  [3]int      // bytes emitted in KindStream units, against StreamDepth
	hadGap     [3]bool
	oob        [3]int // urgent bytes taken out of band (UrgentOOB)
	closing    string // the closing state once a FIN was taken (closeState)
	inline     [3]inlineWindow
	finEnd     [3]uint32
	isn, next  [3]uint32
	seqSeen    [3]bool
	model      resetModel // what Suricata's reset checks read (stream events)
	// unacked: by Dir, in-order bytes the app layer gets once the other
	// side acknowledged them (acked.go); unackedEnd is the sequence
	// number after them, unackedEOF the direction ended after them.
	unacked    [3][]byte
	unackedEnd [3]uint32
	unackedEOF [3]bool
	// asyncWin is where the client's window ends in a one-sided session
	// established by the client's ACK after its SYN: that ACK's sequence
	// number plus its unscaled window (Suricata's client next_win, which
	// only the unseen server's packets would move). finRefused: the
	// packet being processed is a FIN past it, which Suricata's stream
	// engine refuses (fin_out_of_window): the session goes on.
	asyncWin   uint32
	finRefused bool
	// synq: the client's SYNs while the handshake waits for the
	// SYN/ACK (synqueue.go); nil before the first and once answered.
	synq *synQueue
}

func (t *Tracker) newTCP(f *flowState, p *inspect.Packet) *tcpState {
	syn := p.TCPFlags&(flagSYN|flagACK) == flagSYN
	tc := &tcpState{reassemble: syn, session: syn}
	f.Reassembled = tc.reassemble
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		tc.recv[d] = receiver{t: t, f: f, dir: d}
	}
	return tc
}

// closed reports whether the connection was reset or finished both ways.
func (tc *tcpState) closed() bool {
	return tc.rst || tc.fin[inspect.ToServer] && tc.fin[inspect.ToClient]
}

// reusedBy reports whether a segment with these flags starts a new
// connection on the tuple of a closed one.
func (tc *tcpState) reusedBy(flags uint8) bool {
	return flags&(flagSYN|flagACK) == flagSYN && tc.closed()
}

// tcpState follows the connection's flags before the packet is
// inspected, as Suricata's stream engine runs before detection. The
// packet is established (flow:established) when the session was before
// it: Suricata marks the packet before its stream engine runs, so the
// ACK completing a handshake is established only when it carries data,
// and a midstream pick-up from its second packet on. It also decides
// whether the packet's data goes into the stream (tcpSegment).
func (t *Tracker) tcpState(f *flowState, d inspect.Dir, p *inspect.Packet) {
	tc := f.tcp
	f.TCPFlags[d] |= p.TCPFlags
	if t.handshakeError(f, d, p) {
		p.Established, p.DropReason, p.Payload = f.Established, DropStreamError, nil
		return
	}
	flags := p.TCPFlags
	tc.finRefused = flags&flagFIN != 0 && tc.finOutOfWindow(f, d, len(p.Payload), t.seg.Seq)
	if tc.finRefused {
		flags &^= flagFIN
	}
	syn, ack := flags&flagSYN != 0, flags&flagACK != 0
	firstSYN := syn && !ack && !tc.syn[d]
	t.handshakeSYN(f, d, p, syn, ack)
	tc.syn[d] = tc.syn[d] || syn
	tc.synAck[d] = tc.synAck[d] || syn && ack
	tc.fin[d] = tc.fin[d] || flags&flagFIN != 0
	t.streamEvents(f, d, p)
	wasReset := tc.rst // a suspected injected reset resumes the session
	tc.rst = tc.rst || p.TCPFlags&flagRST != 0 && !tc.model.kept
	inOrder := t.seg.Seq == tc.next[d]
	tc.sequence(f, d, t.seg.Seq, len(p.Payload), syn, flags&flagFIN != 0)
	p.Established = f.Established
	switch {
	case f.Established:
	case tc.async && !tc.syn[inspect.ToServer]:
		// picked up at the SYN/ACK, one way: its sender's next ACK
		f.Established = ack && !syn
	case t.cfg.AsyncOneside && tc.syn[inspect.ToServer] && !tc.syn[inspect.ToClient]:
		// a SYN answered by the client's own in-order ACK: the server's
		// side is not seen
		f.Established = d == inspect.ToServer && ack && !syn && inOrder
		tc.async = f.Established
		if f.Established {
			win, _ := p.TCPField("tcp.window")
			tc.asyncWin = t.seg.Seq + win
		}
	case tc.syn[inspect.ToServer] && (tc.synAck[inspect.ToClient] || tc.synAck[inspect.ToServer]):
		// SYN, SYN/ACK, ACK; or SYN, SYN, SYN/ACK from the client, ACK
		// (Suricata's four-way handshake)
		f.Established = ack && !syn
		p.Established = f.Established && d == inspect.ToServer && len(p.Payload) > 0
	case t.cfg.Midstream && tc.session && !tc.syn[inspect.ToServer]:
		// picked up at an ACK: established at once; at a SYN/ACK: by the
		// client's ACK, as after a handshake
		f.Established = !tc.syn[inspect.ToClient] || ack && !syn
		p.Established = f.Established && tc.syn[inspect.ToClient] && d == inspect.ToServer && len(p.Payload) > 0
	}
	if f.Established && (tc.closing != "" || flags&flagFIN != 0) {
		tc.closeState(d, flags, t.seg.Seq, t.seg.Ack, len(p.Payload))
	}
	p.StreamAdded = tc.reassemble && len(p.Payload) > 0 && p.TCPFlags&flagRST == 0 && !wasReset &&
		(firstSYN && tc.fastOpen(d, p) || !syn && f.Established)
	if t.urgentDrop(tc, d, p) {
		p.StreamAdded, p.DropReason = false, DropUrgent
	}
}

// handshakeSYN follows the client's SYNs until the server answers
// (Suricata's SYN_SENT state): the session takes each new SYN's initial
// sequence number, queueing the earlier ones (synQueue), and the
// SYN/ACK's acknowledgement picks the queued SYN it answers.
func (t *Tracker) handshakeSYN(f *flowState, d inspect.Dir, p *inspect.Packet, syn, ack bool) {
	tc := f.tcp
	cs, sc := inspect.ToServer, inspect.ToClient
	if f.Established || !tc.reassemble || tc.syn[sc] {
		tc.synq = nil
		return
	}
	switch {
	case !syn:
	case d == cs && !ack && !tc.syn[cs]:
		tc.synq = &synQueue{}
		tc.synq.cur.apply(synOf(p, t.seg.Seq))
	case tc.synq == nil:
	case d == cs && !ack:
		old := tc.synq.cur.seq
		tc.synq.resend(p, synOf(p, t.seg.Seq))
		t.followSYN(tc, old, tc.synq.cur)
	case d == sc && ack:
		ecr, hasTS := p.TCPTimestampEcho()
		old := tc.synq.cur.seq
		s := tc.synq.answer(t.seg.Ack, ecr, hasTS)
		tc.synq = nil
		t.followSYN(tc, old, s)
		tc.isn[cs], tc.next[cs] = s.seq, s.seq+1
		tc.model.synWS, tc.model.synTS = -1, s.hasTS
		if s.hasWS {
			tc.model.synWS = int(s.ws)
		}
	}
}

// followSYN moves the client's stream, still empty, from the SYN with
// sequence number old to s.
func (t *Tracker) followSYN(tc *tcpState, old uint32, s synState) {
	if h := &tc.half[inspect.ToServer]; s.seq != old && h.Next() == old+1 {
		h.Restart(s.seq + 1)
	}
}

// finOutOfWindow reports whether a FIN of direction d ends past the
// client's window of a one-sided session established after its SYN
// (asyncWin), while the server is still unseen.
func (tc *tcpState) finOutOfWindow(f *flowState, d inspect.Dir, n int, seq uint32) bool {
	return tc.async && tc.syn[inspect.ToServer] && d == inspect.ToServer && f.TCPFlags[inspect.ToClient] == 0 &&
		seqGT(seq+uint32(n), tc.asyncWin)
}

// fastOpen reports whether a client's first SYN carries a TCP Fast Open
// option, so its data belongs to the stream (Suricata takes data on
// other SYNs nowhere).
func (tc *tcpState) fastOpen(d inspect.Dir, p *inspect.Packet) bool {
	return d == inspect.ToServer && p.TCPFastOpen()
}

// tcpSegment reassembles the packet's segment, after it was inspected.
func (t *Tracker) tcpSegment(f *flowState, d inspect.Dir, p *inspect.Packet) {
	tc := f.tcp
	if !tc.reassemble || p.DropReason == DropStreamError {
		return
	}
	seg := t.seg
	syn, ack := p.TCPFlags&flagSYN != 0, p.TCPFlags&flagACK != 0
	fin, rst := p.TCPFlags&flagFIN != 0 && !tc.finRefused, p.TCPFlags&flagRST != 0
	h := &tc.half[d]
	if tc.model.pending && d != tc.model.sender {
		return // Suricata's closed session takes nothing from the reset's receiver
	}
	seq := seg.Seq
	if syn {
		seq++
	}
	data := p.Payload
	if !p.StreamAdded {
		data = nil
	}
	seq, data = t.urgentSegment(tc, d, seq, data)
	if !h.Started() {
		if t.cfg.IPS {
			h.Inline(rawChunk, inlineKeep)
		} else {
			h.Retain(t.cfg.HostOS.Policy(p.Dst))
		}
	}
	h.Start(seq, t.pool)
	tc.inline[d].start = len(data) > 0 && seq == h.Next()
	h.Segment(seq, data, fin, &tc.recv[d])
	if ack {
		tc.half[other(d)].Ack(tc.urgentAck(other(d), seg.Ack), &tc.recv[other(d)])
	}
	if rst && !tc.model.kept {
		t.closeStreams(f)
	}
}

// closeStreams ends both directions: queued data is delivered across its
// holes and held stream bytes are emitted.
func (t *Tracker) closeStreams(f *flowState) {
	tc := f.tcp
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		tc.half[d].Close(&tc.recv[d])
		t.ackFlush(f, d)
		t.flushChunk(f, d)
	}
}

// sequence follows a direction's sequence space as Suricata's stream
// engine does for stream_size: the initial sequence number (a midstream
// side's first segment less one) and the next in-order sequence number,
// which in-order data, a SYN and a FIN advance.
func (tc *tcpState) sequence(f *flowState, d inspect.Dir, seq uint32, n int, syn, fin bool) {
	if !tc.seqSeen[d] || syn {
		tc.seqSeen[d] = true
		tc.isn[d], tc.next[d] = seq-1, seq
		if syn {
			tc.isn[d] = seq
			seq++
			tc.next[d] = seq
		}
	}
	end := seq + uint32(n)
	if fin {
		end++
	}
	if int32(seq-tc.next[d]) <= 0 && int32(end-tc.next[d]) > 0 {
		tc.next[d] = end
	}
	f.StreamSize[d] = tc.next[d] - tc.isn[d]
}
