package flow

import (
	"github.com/rulec/rulec/runtime/inspect"
)

// maxSynQueued is Suricata's stream.max-syn-queued default: how many
// earlier SYNs of a handshake the session remembers.
const maxSynQueued = 10

// synState is what Suricata's session keeps of a client SYN while it
// waits for the SYN/ACK (its TcpStateQueue): the initial sequence
// number, the window, the second of the last timestamped SYN, and the
// SACK permitted, window scale and timestamp options.
type synState struct {
	seq, win uint32
	pktSecs  uint32
	sack     bool
	hasWS    bool
	ws       uint8
	hasTS    bool
	ts       uint32
}

// synOf is a SYN packet's state.
func synOf(p *inspect.Packet, seq uint32) synState {
	s := synState{seq: seq, pktSecs: uint32(p.TS.Unix()), sack: p.TCPSackPermitted()}
	s.win, _ = p.TCPField("tcp.window")
	s.ws, s.hasWS = p.TCPWScale()
	s.ts, s.hasTS = p.TCPTimestamp()
	return s
}

// apply takes a SYN's state into the session as Suricata does
// (StreamTcp3whsStoreSynApplyToSsn): a SYN without a timestamp leaves
// the last one in place.
func (s *synState) apply(q synState) {
	if q.hasTS {
		s.hasTS, s.ts, s.pktSecs = true, q.ts, q.pktSecs
	}
	s.hasWS, s.ws = q.hasWS, q.ws
	if !q.hasWS {
		s.ws = 0
	}
	s.win, s.sack, s.seq = q.win, q.sack, q.seq
}

// synQueue is the session's client SYN and, once SYNs with other
// settings followed it before the SYN/ACK, the earlier ones, oldest
// first, at most maxSynQueued.
type synQueue struct {
	cur    synState
	queued []synState
}

// resend takes another client SYN of the handshake (Suricata's SYN_SENT
// state): when its settings differ from the session's, the session's are
// queued (an equal timestamped one only once), the oldest making room
// when the queue is full, which raises 3whs_syn_flood. The session then
// follows the new SYN.
func (q *synQueue) resend(p *inspect.Packet, s synState) {
	if s != q.cur && !q.has(q.cur, false) {
		if len(q.queued) == maxSynQueued {
			p.StreamEvents.Set(inspect.Stream3whsSynFlood)
			q.queued = append(q.queued[:0], q.queued[1:]...)
		}
		q.queued = append(q.queued, q.cur)
	}
	q.cur.apply(s)
}

// has reports whether a queued SYN matches s (StreamTcp3whsFindSyn):
// by sequence number and timestamp when s has one, else by sequence
// number only when ignoreTS.
func (q *synQueue) has(s synState, ignoreTS bool) bool {
	_, ok := q.find(s, ignoreTS)
	return ok
}

func (q *synQueue) find(s synState, ignoreTS bool) (synState, bool) {
	for _, e := range q.queued {
		switch {
		case s.hasTS:
			if e.hasTS && e.ts == s.ts && e.seq == s.seq {
				return e, true
			}
		case ignoreTS && e.seq == s.seq:
			return e, true
		}
	}
	return synState{}, false
}

// answer is the SYN/ACK acknowledging ack, with timestamp echo ecr
// (hasTS): when it does not acknowledge the session's SYN, the session
// takes the queued SYN it answers, if any, as Suricata with
// stream.liberal-timestamps (its default) does. It returns the SYN the
// session follows.
func (q *synQueue) answer(ack, ecr uint32, hasTS bool) synState {
	if ack != q.cur.seq+1 {
		if e, ok := q.find(synState{seq: ack - 1, hasTS: hasTS, ts: ecr}, true); ok {
			q.cur.apply(e)
		}
	}
	q.queued = nil
	return q.cur
}
