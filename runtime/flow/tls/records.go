package tls

import "encoding/binary"

const recordApplicationData = 23

// Records follows the record boundaries of one direction of a TLS stream
// from its first byte, holding no more than a record header, to see when
// application data starts (Suricata's encryption-handling acts there).
type Records struct {
	hdr  [recordHeaderSize]byte
	nhdr int
	left int // bytes of the current record's body still to come
	stop bool
}

// Feed walks b and reports whether it holds the header of an
// application data record. A record header of no TLS content type or
// version ends the walk.
func (r *Records) Feed(b []byte) (appData bool) {
	for len(b) > 0 && !r.stop {
		if r.left > 0 {
			n := min(r.left, len(b))
			r.left -= n
			b = b[n:]
			continue
		}
		n := copy(r.hdr[r.nhdr:], b)
		r.nhdr += n
		b = b[n:]
		if r.nhdr < recordHeaderSize {
			return appData
		}
		r.nhdr = 0
		typ, major := r.hdr[0], r.hdr[1]
		if typ < 20 || typ > 24 || major != 3 {
			r.stop = true
			return appData
		}
		appData = appData || typ == recordApplicationData
		r.left = int(binary.BigEndian.Uint16(r.hdr[3:]))
	}
	return appData
}

// Stop ends the walk.
func (r *Records) Stop() { r.stop = true }
