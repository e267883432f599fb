package tls

import (
	"encoding/binary"

	"github.com/rulec/rulec/runtime/flow/frame"
)

const (
	recordChangeCipherSpec = 20
	recordAlert            = 21
	recordApplicationData  = 23
	recordHeartbeat        = 24
	// maxRecord is Suricata's SSLV3_RECORD_MAX_LEN.
	maxRecord = 1<<14 + 1024
)

// Records follows the record boundaries of one direction of a TLS stream
// from its first byte, holding no more than a record header, to see when
// application data starts (Suricata's encryption-handling acts there).
type Records struct {
	// Frames takes the records' frames (hdr, pdu, data, alert,
	// heartbeat), as Suricata's TLS parser marks them, until a header
	// it refuses; nil marks none.
	Frames frame.Marker
	hdr    [recordHeaderSize]byte
	nhdr   int
	left   int // bytes of the current record's body still to come
	stop   bool
	walked uint64 // bytes walked so far
}

// RecordTypes is a set of record content types.
type RecordTypes uint32

// The content types RecordTypes reports.
const (
	ContentChangeCipherSpec = recordChangeCipherSpec
	ContentApplicationData  = recordApplicationData
)

// Has reports whether typ is in the set.
func (s RecordTypes) Has(typ int) bool { return s&(1<<typ) != 0 }

// Feed walks b and returns the content types of the record headers it
// holds. A record header of no TLS content type or version ends the
// walk.
func (r *Records) Feed(b []byte) (types RecordTypes) {
	for len(b) > 0 && !r.stop {
		if r.left > 0 {
			n := min(r.left, len(b))
			r.left -= n
			r.walked += uint64(n)
			b = b[n:]
			continue
		}
		n := copy(r.hdr[r.nhdr:], b)
		r.nhdr += n
		r.walked += uint64(n)
		b = b[n:]
		if r.nhdr < recordHeaderSize {
			return types
		}
		r.nhdr = 0
		typ, major := r.hdr[0], r.hdr[1]
		if typ < 20 || typ > 24 || major != 3 {
			r.stop = true
			return types
		}
		types |= 1 << typ
		r.left = int(binary.BigEndian.Uint16(r.hdr[3:]))
		r.mark()
	}
	return types
}

// mark marks the frames of the record whose header was just read; a
// header Suricata's parser refuses (an SSL 2 or unknown version, a length
// of zero or past its maximum) ends the marking, as it ends the parser.
func (r *Records) mark() {
	if r.Frames == nil {
		return
	}
	if r.hdr[2] > 4 || r.left == 0 || r.left > maxRecord {
		r.Frames = nil
		return
	}
	off := r.walked - recordHeaderSize
	n := int64(r.left)
	r.Frames.Open("hdr", off, recordHeaderSize, -1)
	r.Frames.Open("pdu", off, n+recordHeaderSize, -1)
	r.Frames.Open("data", off+recordHeaderSize, n, -1)
	switch r.hdr[0] {
	case recordAlert:
		r.Frames.Open("alert", off+recordHeaderSize, n, -1)
	case recordHeartbeat:
		r.Frames.Open("heartbeat", off+recordHeaderSize, n, -1)
	}
}

// Stop ends the walk.
func (r *Records) Stop() { r.stop = true }
