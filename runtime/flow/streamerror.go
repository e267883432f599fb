package flow

import "github.com/rulec/rulec/runtime/inspect"

// DropStreamError is the drop reason of a packet Suricata's stream engine
// rejects inline (stream.drop-invalid, on by default).
const DropStreamError = "stream error"

// handshakeError reports whether, inline (IPS), Suricata's stream engine
// rejects an ACK of a session in its SYN_RECV state (SYN and SYN/ACK
// seen, not yet established): one from the server (an ACK in the wrong
// direction: IPS sees every packet, so it does not assume the handshake's
// ACK was lost), or one from the client that does not acknowledge the
// SYN/ACK (its next sequence number) while at the client's next
// sequence number, or that is neither there nor beyond it with the right
// acknowledgement; a FIN not at its sender's next sequence number or not
// acknowledging the other side's. Such a packet is dropped and changes no state; the
// session stays in SYN_RECV.
func (t *Tracker) handshakeError(f *flowState, d inspect.Dir, p *inspect.Packet) bool {
	tc := f.tcp
	cs, sc := inspect.ToServer, inspect.ToClient
	if !t.cfg.IPS || f.Established || !tc.session || tc.async || !tc.syn[cs] || !tc.synAck[sc] || tc.synAck[cs] {
		return false
	}
	flags := p.TCPFlags
	if flags&(flagSYN|flagRST) != 0 || flags&flagACK == 0 || !tc.seqSeen[cs] || !tc.seqSeen[sc] {
		return false
	}
	seq, ack := t.seg.Seq, t.seg.Ack
	clientNext, serverNext := tc.isn[cs]+1, tc.isn[sc]+1
	if flags&flagFIN != 0 {
		// a FIN must come at its sender's next sequence number and
		// acknowledge the other side's
		next, otherNext := clientNext, serverNext
		if d == sc {
			next, otherNext = serverNext, clientNext
		}
		return seq != next || ack != otherNext
	}
	if d == sc {
		return true
	}
	switch {
	case seq == clientNext:
		return ack != serverNext
	case seqGT(seq, clientNext):
		return ack != serverNext // data after a lost segment is taken with the right ACK
	}
	return true
}
