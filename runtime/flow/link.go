package flow

import (
	"encoding/binary"
	"fmt"

	"github.com/rulec/rulec/runtime/inspect"
)

// network finds the network header of a frame: its offset and EtherType
// (0 when the frame carries no IP). Ethernet VLAN tags go to p.VLANs.
func (d *decoder) network(frame []byte, p *inspect.Packet) (int, uint16, error) {
	if len(frame) < ethHeaderLen {
		return 0, 0, fmt.Errorf("%w: %d bytes of ethernet header", ErrTruncated, len(frame))
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
