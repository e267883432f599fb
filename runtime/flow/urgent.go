package flow

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// Urgent is Suricata's stream.reassembly.urgent.policy: what the stream
// makes of the data a segment with the URG flag marks urgent.
type Urgent uint8

const (
	// UrgentInline keeps urgent data in the stream as any other.
	UrgentInline Urgent = iota
	// UrgentDrop drops segments with the URG flag inline (IPS); without
	// IPS their data stays in the stream.
	UrgentDrop
	// UrgentOOB takes a segment's last byte out of the stream as out of
	// band data (RFC 6093 3.1), as a receiver's socket does; the stream's
	// later sequence numbers close up behind it.
	UrgentOOB
	// UrgentGap leaves that byte out of the stream as a one-byte gap.
	UrgentGap
)

// DropUrgent is the drop reason of a segment UrgentDrop drops.
const DropUrgent = "stream urgent"

// maxOOB bounds the out-of-band bytes taken from one direction
// (Suricata's 64k budget); past it OOBLimit applies.
const maxOOB = 1<<16 - 1

var urgentNames = map[string]Urgent{"inline": UrgentInline, "drop": UrgentDrop, "oob": UrgentOOB, "gap": UrgentGap}

// parseUrgent reads an urgent policy; oobLimit refuses "oob", which
// stream.reassembly.urgent.oob-limit-policy cannot be.
func parseUrgent(v string, oobLimit bool) (Urgent, error) {
	u, ok := urgentNames[strings.ToLower(v)]
	if !ok || oobLimit && u == UrgentOOB {
		return 0, fmt.Errorf("%q: %w", v, ErrUrgentPolicy)
	}
	return u, nil
}

// urgentPointer is the TCP header's urgent pointer when the URG flag is
// set, else 0.
func urgentPointer(seg *decode.Packet) uint16 {
	off := seg.L4Off + 18
	if seg.TCPFlags&flagURG == 0 || off < 0 || off+2 > len(seg.Frame) {
		return 0
	}
	return binary.BigEndian.Uint16(seg.Frame[off:])
}

// urgentDrop reports whether the packet is dropped for its URG flag:
// with UrgentDrop inline, or with UrgentOOB past the out-of-band budget
// when OOBLimit is UrgentDrop.
func (t *Tracker) urgentDrop(tc *tcpState, d inspect.Dir, p *inspect.Packet) bool {
	if !p.StreamAdded {
		return false
	}
	urg := urgentPointer(t.seg)
	if urg == 0 && t.seg.TCPFlags&flagURG == 0 {
		return false
	}
	if t.cfg.UrgentPolicy == UrgentDrop {
		return t.cfg.IPS
	}
	return t.cfg.UrgentPolicy == UrgentOOB && t.cfg.OOBLimit == UrgentDrop &&
		urg > 0 && int(urg) <= len(p.Payload) && tc.oob[d] >= maxOOB
}

// urgentSegment applies the urgent policy to a segment of direction d
// added to the stream: the sequence number it takes in the stream (less
// the out-of-band bytes taken before it) and the data that goes in. As
// Suricata does, the segment's last byte is the urgent one, wherever the
// pointer (within the segment) points.
func (t *Tracker) urgentSegment(tc *tcpState, d inspect.Dir, seq uint32, data []byte) (uint32, []byte) {
	seq -= uint32(tc.oob[d])
	urg := urgentPointer(t.seg)
	pol := t.cfg.UrgentPolicy
	if urg == 0 || int(urg) > len(data) || pol != UrgentOOB && pol != UrgentGap {
		return seq, data
	}
	if pol == UrgentOOB && tc.oob[d] >= maxOOB {
		if t.cfg.OOBLimit == UrgentInline {
			return seq, data
		}
		pol = t.cfg.OOBLimit
	}
	t.stats.UrgentBytes++
	if pol == UrgentOOB {
		tc.oob[d]++
	}
	return seq, data[:len(data)-1]
}

// urgentAck is an acknowledgement of direction d's data in its stream's
// sequence space, less the out-of-band bytes taken from it.
func (tc *tcpState) urgentAck(d inspect.Dir, ack uint32) uint32 {
	return ack - uint32(tc.oob[d])
}
