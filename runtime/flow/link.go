package flow

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/inspect"
)

// ErrLinkType is returned for a link type the tracker cannot decode.
var ErrLinkType = errors.New("unsupported link type")

const (
	linkTypeBSDRaw = layers.LinkType(12) // DLT_RAW as some BSDs number it
	sllHeaderLen   = 16
	sll2HeaderLen  = 20
	nullHeaderLen  = 4
)

// BSD address families of IPv4 and of IPv6 as the BSDs number it.
var nullFamilies = map[uint32]uint16{2: etherTypeIPv4, 24: etherTypeIPv6, 28: etherTypeIPv6, 30: etherTypeIPv6}

// SetLinkType sets the link layer of the frames given to Frame (a pcap
// file's link type); it is Ethernet until set. Supported: Ethernet,
// Null and Loop (BSD loopback), Raw IP, IPv4, IPv6, Linux SLL and SLL2.
func (t *Tracker) SetLinkType(lt layers.LinkType) error {
	switch lt {
	case layers.LinkTypeEthernet, layers.LinkTypeNull, layers.LinkTypeLoop, layers.LinkTypeRaw, linkTypeBSDRaw,
		layers.LinkTypeIPv4, layers.LinkTypeIPv6, layers.LinkTypeLinuxSLL, layers.LinkTypeLinuxSLL2:
		t.dec.link = lt
		return nil
	}
	return fmt.Errorf("flow: %w: %v", ErrLinkType, lt)
}

// network finds the network header of a frame: its offset and EtherType
// (0 when the frame carries no IP). Ethernet VLAN tags go to p.VLANs.
func (d *decoder) network(frame []byte, p *inspect.Packet) (int, uint16, error) {
	need := func(n int, what string) error {
		if len(frame) < n {
			return fmt.Errorf("%w: %d bytes of %s", ErrTruncated, len(frame), what)
		}
		return nil
	}
	switch d.link {
	case layers.LinkTypeNull, layers.LinkTypeLoop:
		if err := need(nullHeaderLen, "loopback header"); err != nil {
			return 0, 0, err
		}
		et := nullFamilies[binary.BigEndian.Uint32(frame)]
		if et == 0 {
			et = nullFamilies[binary.LittleEndian.Uint32(frame)]
		}
		return nullHeaderLen, et, nil
	case layers.LinkTypeRaw, linkTypeBSDRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6:
		if err := need(1, "ip header"); err != nil {
			return 0, 0, err
		}
		switch frame[0] >> 4 {
		case 4:
			return 0, etherTypeIPv4, nil
		case 6:
			return 0, etherTypeIPv6, nil
		}
		return 0, 0, fmt.Errorf("%w: ip version %d", ErrCorrupt, frame[0]>>4)
	case layers.LinkTypeLinuxSLL:
		if err := need(sllHeaderLen, "sll header"); err != nil {
			return 0, 0, err
		}
		return sllHeaderLen, binary.BigEndian.Uint16(frame[14:]), nil
	case layers.LinkTypeLinuxSLL2:
		if err := need(sll2HeaderLen, "sll2 header"); err != nil {
			return 0, 0, err
		}
		return sll2HeaderLen, binary.BigEndian.Uint16(frame), nil
	}
	if err := need(ethHeaderLen, "ethernet header"); err != nil {
		return 0, 0, err
	}
	et, off := binary.BigEndian.Uint16(frame[12:]), ethHeaderLen
	for isVLANTag(et) {
		if len(frame) < off+vlanTagLen {
			return 0, 0, fmt.Errorf("%w: vlan tag", ErrTruncated)
		}
		p.VLANs = append(p.VLANs, binary.BigEndian.Uint16(frame[off:])&0x0fff)
		et, off = binary.BigEndian.Uint16(frame[off+2:]), off+vlanTagLen
	}
	return off, et, nil
}
