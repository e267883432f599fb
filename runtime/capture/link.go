package capture

import (
	"encoding/binary"
	"fmt"

	"github.com/gopacket/gopacket/layers"
)

const (
	etherIPv4 = 0x0800
	etherIPv6 = 0x86dd
	// linkSLL2 is LINKTYPE_LINUX_SLL2, which gopacket does not name.
	linkSLL2 layers.LinkType = 276
)

// converter returns the function that makes a frame of link type lt into
// an Ethernet frame; it reports false for frames it cannot convert.
func converter(lt layers.LinkType) (func([]byte) ([]byte, bool), error) {
	switch lt {
	case layers.LinkTypeEthernet:
		return func(b []byte) ([]byte, bool) { return b, true }, nil
	case layers.LinkTypeNull, layers.LinkTypeLoop:
		return func(b []byte) ([]byte, bool) { return fromNull(lt, b) }, nil
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12:
		return fromRaw, nil
	case layers.LinkTypeLinuxSLL:
		return func(b []byte) ([]byte, bool) { return header(b, 16, 14) }, nil
	case linkSLL2:
		return func(b []byte) ([]byte, bool) { return header(b, 20, 0) }, nil
	case layers.LinkTypePPP:
		return fromPPP, nil
	}
	return nil, fmt.Errorf("%w %s", ErrLinkType, lt)
}

// header strips a fixed link header of size n whose EtherType is at at.
func header(b []byte, n, at int) ([]byte, bool) {
	if len(b) < n {
		return nil, false
	}
	return ether(binary.BigEndian.Uint16(b[at:]), b[n:]), true
}

func fromNull(lt layers.LinkType, b []byte) ([]byte, bool) {
	if len(b) < 4 {
		return nil, false
	}
	fam := binary.LittleEndian.Uint32(b)
	if lt == layers.LinkTypeLoop || fam > 0xffff {
		fam = binary.BigEndian.Uint32(b)
	}
	switch fam {
	case 2:
		return ether(etherIPv4, b[4:]), true
	case 24, 28, 30:
		return ether(etherIPv6, b[4:]), true
	}
	return nil, false
}

func fromRaw(b []byte) ([]byte, bool) {
	if len(b) < 1 {
		return nil, false
	}
	switch b[0] >> 4 {
	case 4:
		return ether(etherIPv4, b), true
	case 6:
		return ether(etherIPv6, b), true
	}
	return nil, false
}

// fromPPP takes PPP in HDLC-like framing (address 0xff, control 0x03,
// both optional) with a one- or two-byte protocol field (RFC 1661).
func fromPPP(b []byte) ([]byte, bool) {
	if len(b) >= 2 && b[0] == 0xff && b[1] == 0x03 {
		b = b[2:]
	}
	if len(b) < 1 {
		return nil, false
	}
	proto, n := uint16(b[0]), 1
	if b[0]&1 == 0 {
		if len(b) < 2 {
			return nil, false
		}
		proto, n = binary.BigEndian.Uint16(b), 2
	}
	switch proto {
	case 0x21:
		return ether(etherIPv4, b[n:]), true
	case 0x57:
		return ether(etherIPv6, b[n:]), true
	}
	return nil, false
}

func ether(etype uint16, payload []byte) []byte {
	f := make([]byte, 14+len(payload))
	copy(f[0:6], []byte{2, 0, 0, 0, 0, 2})
	copy(f[6:12], []byte{2, 0, 0, 0, 0, 1})
	binary.BigEndian.PutUint16(f[12:], etype)
	copy(f[14:], payload)
	return f
}
