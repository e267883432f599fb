package http2

import (
	"golang.org/x/net/http2/hpack"

	"github.com/rulec/rulec/runtime/flow/pending"
)

// Bounds, Suricata 8's defaults where it has them.
const (
	// MaxStreams bounds the transactions held (http2.max-streams): one
	// more closes them all with too_many_streams and ends the parse.
	MaxStreams = 4096
	// maxReassembly bounds a header block spread over CONTINUATION frames
	// (http2.max-reassembly-size).
	maxReassembly = 102400
	// maxTableSize bounds the HPACK dynamic table a peer may ask for
	// (http2.max-table-size).
	maxTableSize = 65536
	// maxFrames bounds the frames a transaction keeps per direction;
	// past it they are counted in Truncated, not kept.
	maxFrames = 1024
)

// Parser follows one HTTP/2 connection.
type Parser struct {
	// Failed: the parse ended (too many streams, a frame header that is
	// not one); Truncated counts what the bounds cut (frames not kept,
	// header blocks cut at the reassembly bound, skipped parts of long
	// frames).
	Failed    bool
	Truncated uint64

	txs      []*Tx
	seq      uint64
	magic    bool         // the client's preface was read
	pend     pending.Dirs // a frame not whole yet
	skip     [2]int       // bytes of a long frame still to skip
	dec      [2]*hpack.Decoder
	fields   []Field
	reass    [2][]byte // a header block waiting for its CONTINUATION
	reassSID [2]uint32
	changed  []*Tx
}

// NewParser returns a parser for a new connection.
func NewParser() *Parser {
	p := &Parser{}
	for d := range p.dec {
		p.dec[d] = hpack.NewDecoder(4096, func(f hpack.HeaderField) {
			p.fields = append(p.fields, Field{Name: []byte(f.Name), Value: []byte(f.Value)})
		})
		p.dec[d].SetAllowedMaxDynamicTableSize(maxTableSize)
	}
	return p
}

// Feed parses one direction's next bytes and returns the transactions
// they changed, valid until the next Feed. The transactions complete at
// the Feed before are released first, as Suricata frees a transaction
// once it is done and logged. b is not kept.
func (p *Parser) Feed(toServer bool, b []byte) []*Tx {
	if p.Failed {
		return nil
	}
	p.txs, p.changed = pending.Retire(p.txs, (*Tx).Complete), p.changed[:0]
	d := pending.Dir(toServer)
	data := p.pend.Join(d, b)
	n := 0
	if toServer && !p.magic {
		if len(data) < len(Preface) {
			p.pend.Keep(d, data)
			return p.changed
		}
		// another preface would raise invalid_client_magic on the last
		// transaction, as Suricata does, but there is none yet
		p.magic, n = true, len(Preface)
	}
	if s := p.skip[d]; s > 0 {
		k := min(s, len(data)-n)
		p.skip[d] -= k
		n += k
	}
	n += p.frames(data[n:], d)
	p.pend.Keep(d, data[n:])
	return p.changed
}

// Open returns the transactions not released, oldest first.
func (p *Parser) Open() []*Tx { return p.txs }

// Held is the bytes the parser holds, for the stream memcap.
func (p *Parser) Held() int {
	n := p.pend.Held() + cap(p.reass[0]) + cap(p.reass[1])
	for _, tx := range p.txs {
		n += tx.size()
	}
	return n
}

// globalEvent raises an event on the last transaction, as Suricata's
// state events do (none when there is no transaction yet).
func (p *Parser) globalEvent(name string) {
	if len(p.txs) > 0 {
		p.txs[len(p.txs)-1].event(name)
	}
}

func (p *Parser) touch(tx *Tx) {
	for _, c := range p.changed {
		if c == tx {
			return
		}
	}
	p.changed = append(p.changed, tx)
}

// frames parses whole frames of b and returns the bytes consumed.
func (p *Parser) frames(b []byte, d int) int {
	n := 0
	for len(b)-n >= headerLen && !p.Failed {
		h := parseHeader(b[n:])
		rest := b[n+headerLen:]
		hl := int(h.length)
		if len(rest) < hl {
			if hl < maxHandledFrame || len(rest) < minHandledFrame {
				return n
			}
			p.globalEvent("long_frame_data")
			p.skip[d] = hl - len(rest)
			p.Truncated++
			hl = len(rest)
		}
		body := rest[:hl]
		n += headerLen + hl
		if h.length == 0 && h.ftype == TypeSettings {
			continue
		}
		p.frame(h, body, d)
	}
	return n
}

// frame handles one frame (body is all of it, or the part that came of a
// long one).
func (p *Parser) frame(h header, body []byte, d int) {
	f := Frame{Type: h.ftype, Flags: h.flags}
	var ev []string
	sid := h.stream
	switch h.ftype {
	case TypeSettings:
		f.Settings = parseSettings(body)
		for _, s := range f.Settings {
			if s.ID == 1 {
				// the table size the other side's encoder may use
				p.dec[1-d].SetAllowedMaxDynamicTableSize(min(s.Value, maxTableSize))
			}
		}
	case TypeGoAway:
		if len(body) < 8 {
			ev = append(ev, "invalid_frame_length")
			break
		}
		f.ErrorCode, f.HasError = be32(body[4:]), true
	case TypeRstStream:
		if len(body) != 4 {
			ev = append(ev, "invalid_frame_length")
			break
		}
		f.ErrorCode, f.HasError = be32(body), true
	case TypePriority:
		if len(body) != 5 {
			ev = append(ev, "invalid_frame_length")
			break
		}
		f.Weight, f.HasPriority = body[4], true
	case TypeWindowUpdate:
		if len(body) != 4 {
			ev = append(ev, "invalid_frame_length")
			break
		}
		f.Window, f.HasWindow = be32(body)&0x7fffffff, true
	case TypeHeaders:
		f.Headers = true
		block, w, ok := headersBlock(body, h.flags)
		if !ok {
			ev = append(ev, "invalid_frame_data")
			break
		}
		f.Weight, f.HasPriority = w, h.flags&flagPriority != 0
		if h.flags&flagEndHeaders == 0 {
			// decoded with its CONTINUATION frames
			p.reass[d] = append(p.reass[d][:0], block[:min(len(block), maxReassembly)]...)
			p.reassSID[d] = sid
			break
		}
		ev = p.decode(&f, block, d, ev)
	case TypePushPromise:
		f.Headers = true
		block, promised, ok := pushBlock(body, h.flags)
		if !ok {
			ev = append(ev, "invalid_frame_data")
			break
		}
		sid = promised
		ev = p.decode(&f, block, d, ev)
	case TypeContinuation:
		f.Headers = true
		if d == 1 {
			sid = p.childStream(sid)
		}
		block := body
		if h.stream == p.reassSID[d] && p.reassSID[d] != 0 {
			room := maxReassembly - len(p.reass[d])
			if len(body) > room {
				ev = append(ev, "reassembly_limit_reached")
				p.Truncated++
			}
			p.reass[d] = append(p.reass[d], body[:min(len(body), max(room, 0))]...)
			if h.flags&flagEndHeaders == 0 {
				break
			}
			block = p.reass[d]
			p.reassSID[d] = 0
		}
		ev = p.decode(&f, block, d, ev)
		p.reass[d] = p.reass[d][:0]
	}
	tx := p.tx(sid, h)
	if tx == nil {
		p.Failed = true
		return
	}
	for _, e := range ev {
		tx.event(e)
	}
	switch h.ftype {
	case TypePushPromise:
		if d == 1 {
			if h.flags&flagEndHeaders == 0 {
				tx.child = sid
			}
			tx.State = StateReserved
		}
	case TypeContinuation:
		if d == 1 && h.flags&flagEndHeaders != 0 {
			tx.child = 0
		}
	case TypeHeaders:
		if d == 1 {
			tx.child = 0
		}
	case TypeRstStream:
		tx.child = 0
	}
	if f.Fields != nil {
		tx.headers(f.Fields, d)
	}
	tx.endStream(h, d)
	if len(tx.Frames[d]) < maxFrames {
		tx.Frames[d] = append(tx.Frames[d], f)
	} else {
		tx.event("too_many_frames")
		p.Truncated++
	}
	if h.ftype == TypeData {
		if sid == 0 {
			tx.event("data_stream_zero")
		} else {
			tx.dnsData(dataPayload(body, h.flags), d, h.flags&flagEndStream != 0)
		}
	}
	p.touch(tx)
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// decode HPACK-decodes a header block with the direction's table into
// the frame's fields and size updates.
func (p *Parser) decode(f *Frame, block []byte, d int, ev []string) []string {
	f.SizeUpdates = sizeUpdates(block)
	p.fields = nil
	_, err := p.dec[d].Write(block)
	if err == nil {
		err = p.dec[d].Close()
	} else {
		p.dec[d].Close()
	}
	if err != nil {
		ev = append(ev, "invalid_header")
	}
	fields := p.fields
	p.fields = nil
	if fields == nil {
		fields = []Field{}
	}
	f.Fields = fields
	return ev
}

// headersBlock strips a HEADERS frame's padding and priority; w is the
// priority's weight.
func headersBlock(b []byte, flags uint8) (block []byte, w uint8, ok bool) {
	pad, b, ok := padLength(b, flags)
	if !ok {
		return nil, 0, false
	}
	if flags&flagPriority != 0 {
		if len(b) < 5 {
			return nil, 0, false
		}
		w, b = b[4], b[5:]
	}
	if pad > len(b) {
		return nil, 0, false
	}
	return b[:len(b)-pad], w, true
}

// pushBlock strips a PUSH_PROMISE's padding and reads the promised
// stream.
func pushBlock(b []byte, flags uint8) (block []byte, promised uint32, ok bool) {
	pad, b, ok := padLength(b, flags)
	if !ok || len(b) < 4 || pad > len(b)-4 {
		return nil, 0, false
	}
	return b[4 : len(b)-pad], be32(b) & 0x7fffffff, true
}

// padLength splits the pad length off a frame of the PADDED flag; ok is
// false when the frame is too short to hold it.
func padLength(b []byte, flags uint8) (pad int, rest []byte, ok bool) {
	if flags&flagPadded == 0 {
		return 0, b, true
	}
	if len(b) < 1 {
		return 0, nil, false
	}
	return int(b[0]), b[1:], true
}

// dataPayload is a DATA frame's payload without its padding, as
// Suricata takes it.
func dataPayload(b []byte, flags uint8) []byte {
	if flags&flagPadded != 0 && len(b) > 0 && int(b[0]) < len(b) {
		return b[1 : len(b)-int(b[0])]
	}
	return b
}

// childStream is the stream a server's CONTINUATION belongs to: the one
// a PUSH_PROMISE on sid reserved, while its block continues.
func (p *Parser) childStream(sid uint32) uint32 {
	for i := len(p.txs) - 1; i >= 0; i-- {
		if tx := p.txs[i]; tx.Stream == sid {
			if tx.child > 0 {
				return tx.child
			}
			return sid
		}
	}
	return sid
}

// tx finds or makes the transaction of a frame: each frame of stream 0
// makes one of its own; past MaxStreams every transaction is dropped
// with too_many_streams and nil returned.
func (p *Parser) tx(sid uint32, h header) *Tx {
	if sid != 0 {
		for i := len(p.txs) - 1; i >= 0; i-- {
			if tx := p.txs[i]; tx.Stream == sid {
				if tx.State == StateClosed && h.ftype != TypeRstStream && h.ftype != TypeWindowUpdate && h.ftype != TypePriority {
					p.globalEvent("stream_id_reuse")
				}
				return tx
			}
		}
	}
	if len(p.txs) >= MaxStreams {
		for _, tx := range p.txs {
			if tx.State == StateTodrop {
				break
			}
			tx.event("too_many_streams")
			tx.State = StateTodrop
			p.touch(tx)
		}
		return nil
	}
	p.seq++
	tx := &Tx{ID: p.seq - 1, Stream: sid, State: StateOpen}
	if sid == 0 {
		tx.State = StateGlobal
	}
	p.txs = append(p.txs, tx)
	return tx
}

// Probe reports whether a server's first bytes start with the SETTINGS
// frame an HTTP/2 server opens with, as Suricata's probe (on port 80);
// more: fewer than a frame header.
func Probe(b []byte) (ok, more bool) {
	if len(b) < headerLen {
		return false, true
	}
	h := parseHeader(b)
	return !h.reserved && h.length <= defaultMaxFrame && h.flags&0xFE == 0 && h.ftype == TypeSettings, false
}
