package capture

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// ErrLinkType reports a capture whose frames cannot be made Ethernet.
var ErrLinkType = errors.New("unsupported link type")

type packetReader interface {
	ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	LinkType() layers.LinkType
}

// ReadFile calls fn for every frame of the capture at path, in order, with
// its timestamp and 1-based index. A truncated last record ends the read
// with an error after every complete frame was handed out.
func ReadFile(path string, fn func(ts time.Time, frame []byte, n uint64) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Read(f, fn)
}

// Read is ReadFile on an open stream.
func Read(r io.Reader, fn func(ts time.Time, frame []byte, n uint64) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	magic, err := br.Peek(4)
	if err != nil {
		return fmt.Errorf("not a capture file: %w", err)
	}
	var pr packetReader
	if bytes.Equal(magic, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		pr, err = pcapgo.NewNgReader(br, pcapgo.DefaultNgReaderOptions)
	} else {
		pr, err = pcapgo.NewReader(br)
	}
	if err != nil {
		return fmt.Errorf("not a pcap or pcapng file: %w", err)
	}
	toEther, err := converter(pr.LinkType())
	if err != nil {
		return err
	}
	for n := uint64(1); ; n++ {
		data, ci, err := pr.ReadPacketData()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return fmt.Errorf("packet %d: %w", n, err)
		}
		frame, ok := toEther(data)
		if !ok {
			continue
		}
		if err := fn(ci.Timestamp, frame, n); err != nil {
			return err
		}
	}
}

// converter returns the function that makes a frame of link type lt into
// an Ethernet frame; it reports false for frames it cannot convert.
func converter(lt layers.LinkType) (func([]byte) ([]byte, bool), error) {
	switch lt {
	case layers.LinkTypeEthernet:
		return func(b []byte) ([]byte, bool) { return b, true }, nil
	case layers.LinkTypeNull, layers.LinkTypeLoop:
		return func(b []byte) ([]byte, bool) {
			if len(b) < 4 {
				return nil, false
			}
			fam := binary.LittleEndian.Uint32(b)
			if lt == layers.LinkTypeLoop || fam > 0xffff {
				fam = binary.BigEndian.Uint32(b)
			}
			switch fam {
			case 2:
				return ether(0x0800, b[4:]), true
			case 24, 28, 30:
				return ether(0x86dd, b[4:]), true
			}
			return nil, false
		}, nil
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12:
		return func(b []byte) ([]byte, bool) {
			if len(b) < 1 {
				return nil, false
			}
			switch b[0] >> 4 {
			case 4:
				return ether(0x0800, b), true
			case 6:
				return ether(0x86dd, b), true
			}
			return nil, false
		}, nil
	case layers.LinkTypeLinuxSLL:
		return func(b []byte) ([]byte, bool) {
			if len(b) < 16 {
				return nil, false
			}
			return ether(binary.BigEndian.Uint16(b[14:]), b[16:]), true
		}, nil
	}
	return nil, fmt.Errorf("%w %s", ErrLinkType, lt)
}

func ether(etype uint16, payload []byte) []byte {
	f := make([]byte, 14+len(payload))
	copy(f[0:6], []byte{2, 0, 0, 0, 0, 2})
	copy(f[6:12], []byte{2, 0, 0, 0, 0, 1})
	binary.BigEndian.PutUint16(f[12:], etype)
	copy(f[14:], payload)
	return f
}
