package capture

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/rulec/rulec/runtime/decode"
)

var (
	// ErrLinkType reports a capture whose frames cannot be made Ethernet.
	ErrLinkType = errors.New("unsupported link type")
	// ErrRecord reports a record header no capture tool would read (a
	// captured length past any snap length): libpcap, and so Suricata,
	// stop reading the file there, and so does Read.
	ErrRecord = errors.New("invalid record")
	// ErrNotCapture reports input that is neither pcap nor pcapng.
	ErrNotCapture = errors.New("not a pcap or pcapng file")
)

// Stats counts what a read met besides frames handed out.
type Stats struct {
	Records   uint64 // records read, frames handed out or not
	OtherLink uint64 // frames of a link type that cannot be made Ethernet
	OverWire  uint64 // records whose captured length exceeds the wire length
	Truncated uint64 // a last record cut short by the end of the file, not handed out
}

// Source reads captures and counts what it met.
type Source struct {
	Stats Stats
	// Link is the link layer of the record being handed out, valid
	// during the callback.
	Link decode.Link
}

// packetReader reads records; the data it returns is valid until its
// next call.
type packetReader interface {
	ZeroCopyReadPacketData() ([]byte, gopacket.CaptureInfo, error)
}

// ReadFile calls fn for every frame of the capture at path, in order, with
// its timestamp and 1-based record index. The frame is valid during the
// call only: the next record is read into the same memory. A last record
// cut short by the end of the file ends the read as libpcap's error ends
// Suricata's: every complete frame was handed out, the tail is counted in
// Stats.Truncated and the read succeeds.
func ReadFile(path string, fn func(ts time.Time, frame []byte, n uint64) error) error {
	return new(Source).ReadFile(path, fn)
}

// Read is ReadFile on an open stream.
func Read(r io.Reader, fn func(ts time.Time, frame []byte, n uint64) error) error {
	return new(Source).Read(r, fn)
}

// ReadFile is the package's ReadFile, counting into s.Stats.
func (s *Source) ReadFile(path string, fn func(ts time.Time, frame []byte, n uint64) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return s.Read(f, fn)
}

// Read is the package's Read, counting into s.Stats. Every pcapng
// interface is read with its own link type, and every section.
func (s *Source) Read(r io.Reader, fn func(ts time.Time, frame []byte, n uint64) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	magic, err := br.Peek(4)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotCapture, err)
	}
	var pr packetReader
	var linkOf func(ci gopacket.CaptureInfo) layers.LinkType
	if bytes.Equal(magic, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		ng, err := pcapgo.NewNgReader(br, pcapgo.NgReaderOptions{WantMixedLinkType: true, SkipUnknownVersion: true})
		if err != nil {
			return fmt.Errorf("%w: %w", ErrNotCapture, err)
		}
		pr = ng
		linkOf = func(ci gopacket.CaptureInfo) layers.LinkType { return ci.AncillaryData[0].(layers.LinkType) }
	} else {
		cl, err := newClassic(br)
		if err != nil {
			return err
		}
		if _, err := converter(cl.link); err != nil {
			return err
		}
		pr = cl
		linkOf = func(gopacket.CaptureInfo) layers.LinkType { return cl.link }
	}
	convs := map[layers.LinkType]func([]byte) ([]byte, bool){}
	// the converter of the record before, whose link type most records share
	var conv func([]byte) ([]byte, bool)
	var prevLink layers.LinkType
	for n := uint64(1); ; n++ {
		data, ci, err := pr.ZeroCopyReadPacketData()
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, io.ErrUnexpectedEOF):
			s.Stats.Truncated++
			return nil
		case err != nil:
			return fmt.Errorf("packet %d: %w", n, err)
		}
		s.Stats.Records++
		if ci.CaptureLength > ci.Length {
			s.Stats.OverWire++
		}
		lt := linkOf(ci)
		if n == 1 || lt != prevLink {
			var ok bool
			if conv, ok = convs[lt]; !ok {
				conv, _ = converter(lt)
				convs[lt] = conv
			}
			prevLink = lt
		}
		if conv == nil {
			s.Stats.OtherLink++
			continue
		}
		frame, ok := conv(data)
		if !ok {
			s.Stats.OtherLink++
			continue
		}
		s.Link = decode.Link{Type: uint16(lt)}
		if lt != layers.LinkTypeEthernet {
			s.Link.Header = data[:len(data)-len(frame)+14]
		}
		if err := fn(ci.Timestamp, frame, n); err != nil {
			return err
		}
	}
}
