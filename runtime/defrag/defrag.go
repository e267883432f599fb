package defrag

import (
	"time"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/flowid"
)

// maxPacket is the largest IPv4 total length and IPv6 payload length.
const maxPacket = 65535

// key identifies the packet a fragment belongs to.
type key struct {
	src, dst [16]byte
	id       uint32
	proto    uint8 // IPv4 only: IPv6 fragments of one id share a packet whatever follows
	v6       bool
	vlan     [decode.MaxVLANs]uint16
}

type fragment struct {
	offset int
	data   []byte
	seq    uint64 // arrival order
}

// tracker holds one packet's fragments.
type tracker struct {
	key        key
	frags      []fragment
	total      int    // data length, known from the last fragment; -1 before
	head       []byte // the first fragment's link and unfragmentable headers
	netOff     int
	nextHdr    uint8 // IPv6: the fragment header's next header
	prevNext   int   // IPv6: where head names the fragment header, from netOff
	bytes      int
	last       time.Time
	done       bool // reassembled: later fragments are ignored
	prev, next *tracker
}

// Defragmenter reassembles fragments; it is not safe for concurrent use.
type Defragmenter struct {
	cfg        Config
	trackers   map[key]*tracker
	head, tail *tracker // by last fragment, most recent first
	frags      int
	seq        uint64
	stats      Stats
}

// New returns a defragmenter bounded by cfg.
func New(cfg Config) *Defragmenter {
	return &Defragmenter{cfg: withDefaults(cfg), trackers: map[key]*tracker{}}
}

// Stats returns the counters so far.
func (f *Defragmenter) Stats() Stats {
	s := f.stats
	s.Trackers = len(f.trackers)
	return s
}

func keyOf(d *decode.Packet) key {
	k := key{src: flowid.Addr(d.Src), dst: flowid.Addr(d.Dst), id: d.Frag.ID, v6: d.Family == 6, vlan: d.VLANs}
	if !k.v6 {
		k.proto = d.Proto
	}
	return k
}

// Add takes a decoded fragment (d.L4 == decode.L4Fragment) captured at
// ts and returns the reassembled frame when it completes its packet, else
// nil. Events the fragment raises are set on d.
func (f *Defragmenter) Add(ts time.Time, d *decode.Packet) []byte {
	f.expire(ts)
	v6 := d.Family == 6
	fam := 0
	if v6 {
		fam = 1
	}
	f.stats.Fragments[fam]++
	k := keyOf(d)
	t := f.trackers[k]
	if t != nil && t.done {
		f.stats.Ignored++
		d.Events.Set(pick(v6, decode.IPv4FragIgnored, decode.IPv6FragIgnored))
		return nil
	}
	end := d.Frag.Offset + len(d.Payload)
	if unfrag := f.unfragmentable(d); unfrag+end > maxPacket {
		f.stats.TooLarge++
		d.Events.Set(pick(v6, decode.IPv4FragPktTooLarge, decode.IPv6FragPktTooLarge))
		return nil
	}
	switch {
	case t == nil && len(f.trackers) >= f.cfg.MaxTrackers:
		f.stats.MaxTrackers++
		return nil
	case f.frags >= f.cfg.MaxFragments:
		f.stats.MaxFrags++
		return nil
	case f.stats.Bytes+len(d.Payload)+headLen(t, d) > f.cfg.Memcap:
		f.stats.MemcapDrops++
		return nil
	}
	if t == nil {
		t = &tracker{key: k, total: -1}
		f.trackers[k] = t
	} else {
		f.unlink(t)
	}
	t.last = ts
	f.pushFront(t)
	for _, g := range t.frags {
		if d.Frag.Offset < g.offset+len(g.data) && g.offset < end {
			f.stats.Overlaps++
			d.Events.Set(pick(v6, decode.IPv4FragOverlap, decode.IPv6FragOverlap))
			break
		}
	}
	f.seq++
	t.frags = append(t.frags, fragment{offset: d.Frag.Offset, data: append([]byte(nil), d.Payload...), seq: f.seq})
	f.frags++
	f.hold(t, len(d.Payload))
	if d.Frag.Offset == 0 && t.head == nil {
		f.keepHead(t, d)
	}
	if !d.Frag.More && t.total < 0 {
		t.total = end
	}
	if !t.complete() {
		return nil
	}
	out := t.build(f.cfg.Policy)
	f.stats.Reassembled[fam]++
	f.release(t)
	t.done = true
	return out
}

// unfragmentable is the length the reassembled packet's length field
// counts besides the data: the IPv4 header, or the IPv6 extension headers
// before the fragment header.
func (f *Defragmenter) unfragmentable(d *decode.Packet) int {
	if d.Family == 6 {
		return d.Frag.HdrOff - 40
	}
	return d.L4Off - d.NetOff
}

// headLen is what keeping d's headers would hold: the first fragment's
// link and unfragmentable headers, once per tracker.
func headLen(t *tracker, d *decode.Packet) int {
	if d.Frag.Offset != 0 || (t != nil && t.head != nil) {
		return 0
	}
	if d.Family == 6 {
		return d.NetOff + d.Frag.HdrOff
	}
	return d.L4Off
}

func (f *Defragmenter) keepHead(t *tracker, d *decode.Packet) {
	t.netOff = d.NetOff
	if d.Family == 6 {
		t.head = append([]byte(nil), d.Frame[:d.NetOff+d.Frag.HdrOff]...)
		t.nextHdr, t.prevNext = d.Proto, d.Frag.PrevNextOff
	} else {
		t.head = append([]byte(nil), d.Frame[:d.L4Off]...)
	}
	f.hold(t, len(t.head))
}

func (f *Defragmenter) hold(t *tracker, n int) {
	t.bytes += n
	f.stats.Bytes += n
}

// release frees a tracker's fragments.
func (f *Defragmenter) release(t *tracker) {
	f.stats.Bytes -= t.bytes
	f.frags -= len(t.frags)
	t.bytes, t.frags, t.head = 0, nil, nil
}

// expire drops the trackers whose last fragment is older than the
// timeout.
func (f *Defragmenter) expire(now time.Time) {
	for t := f.tail; t != nil && now.Sub(t.last) > f.cfg.Timeout; t = f.tail {
		if !t.done {
			f.stats.TimedOut++
		}
		f.release(t)
		f.unlink(t)
		delete(f.trackers, t.key)
	}
}

func (f *Defragmenter) pushFront(t *tracker) {
	t.prev, t.next = nil, f.head
	if f.head != nil {
		f.head.prev = t
	} else {
		f.tail = t
	}
	f.head = t
}

func (f *Defragmenter) unlink(t *tracker) {
	if t.prev != nil {
		t.prev.next = t.next
	} else {
		f.head = t.next
	}
	if t.next != nil {
		t.next.prev = t.prev
	} else {
		f.tail = t.prev
	}
	t.prev, t.next = nil, nil
}

func pick(v6 bool, v4e, v6e decode.Event) decode.Event {
	if v6 {
		return v6e
	}
	return v4e
}
