package capture

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// maxRecord is libpcap's largest snap length for ordinary link types: a
// record claiming more is damaged, and libpcap stops reading there.
const maxRecord = 262144

// classic reads the original pcap format as libpcap does, and so as
// Suricata sees it: unlike pcapgo's reader it takes records longer than the
// file's snap length (keeping the first snap length bytes) and records whose
// captured length exceeds the wire length.
type classic struct {
	r     io.Reader
	order binary.ByteOrder
	nanos bool
	snap  uint32
	link  layers.LinkType
	hdr   [16]byte
	buf   []byte // the record being handed out, reused for the next (reading other than a bufio.Reader)
}

func newClassic(r io.Reader) (*classic, error) {
	var h [24]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotCapture, err)
	}
	c := &classic{r: r}
	switch binary.LittleEndian.Uint32(h[:4]) {
	case 0xa1b2c3d4:
		c.order = binary.LittleEndian
	case 0xd4c3b2a1:
		c.order = binary.BigEndian
	case 0xa1b23c4d:
		c.order, c.nanos = binary.LittleEndian, true
	case 0x4d3cb2a1:
		c.order, c.nanos = binary.BigEndian, true
	default:
		return nil, fmt.Errorf("%w: magic % x", ErrNotCapture, h[:4])
	}
	c.snap = c.order.Uint32(h[16:20])
	// The upper bits of the link type field carry FCS flags (pcap-ng
	// draft's LINKTYPE_ field); only the low 16 bits name the type.
	c.link = layers.LinkType(c.order.Uint32(h[20:24]) & 0xffff)
	return c, nil
}

// snapshot is libpcap's snapshot for the file: its snap length, or the
// largest one when that is 0 or out of range.
func (c *classic) snapshot() int {
	if c.snap == 0 || c.snap > maxRecord {
		return maxRecord
	}
	return int(c.snap)
}

func (c *classic) ZeroCopyReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	var ci gopacket.CaptureInfo
	br, peek := c.r.(*bufio.Reader)
	hdr := c.hdr[:]
	var err error
	if peek {
		// the record is handed out in br's buffer, valid until the next read
		if hdr, err = br.Peek(len(c.hdr)); err == io.EOF && len(hdr) > 0 {
			err = io.ErrUnexpectedEOF
		}
	} else {
		_, err = io.ReadFull(c.r, hdr)
	}
	if err != nil {
		if err == io.ErrUnexpectedEOF {
			return nil, ci, fmt.Errorf("truncated record header: %w", err)
		}
		return nil, ci, err
	}
	sec, frac := c.order.Uint32(hdr[0:4]), c.order.Uint32(hdr[4:8])
	if !c.nanos {
		frac *= 1000
	}
	ci.Timestamp = time.Unix(int64(sec), int64(frac)).UTC()
	ci.CaptureLength = int(c.order.Uint32(hdr[8:12]))
	ci.Length = int(c.order.Uint32(hdr[12:16]))
	if ci.CaptureLength > maxRecord {
		return nil, ci, fmt.Errorf("%w: captured length %d exceeds the largest snap length %d; reading stops here", ErrRecord, ci.CaptureLength, maxRecord)
	}
	keep := min(ci.CaptureLength, c.snapshot())
	var data []byte
	if peek {
		n := len(c.hdr) + ci.CaptureLength
		if data, err = br.Peek(n); err == nil {
			_, err = br.Discard(n)
			data = data[len(c.hdr):n:n]
		}
	} else {
		if cap(c.buf) < ci.CaptureLength {
			c.buf = make([]byte, max(ci.CaptureLength, 2048))
		}
		data = c.buf[:ci.CaptureLength]
		_, err = io.ReadFull(c.r, data)
	}
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, ci, fmt.Errorf("truncated record: %w", err)
	}
	ci.CaptureLength = keep
	return data[:keep], ci, nil
}
