package dcerpc

import "encoding/binary"

// HeaderLen is the length of a connection-oriented PDU header.
const HeaderLen = 16

// PDU types the parser reads.
const (
	TypeRequest         = 0
	TypeResponse        = 2
	TypeBind            = 11
	TypeBindAck         = 12
	TypeAlterContext    = 14
	TypeAlterContextAck = 15
)

// Fragment flags.
const (
	FlagFirstFrag = 0x01
	FlagLastFrag  = 0x02
)

// Header is a connection-oriented PDU header.
type Header struct {
	Version, Minor uint8
	Type           uint8
	Flags          uint8
	Drep           [4]byte
	FragLen        uint16
	AuthLen        uint16
	CallID         uint32
}

// Little reports whether the PDU's integers are little endian.
func (h *Header) Little() bool { return h.Drep[0]&0x10 != 0 }

func (h *Header) order() binary.ByteOrder { return byteOrder(h.Little()) }

func byteOrder(little bool) binary.ByteOrder {
	if little {
		return binary.LittleEndian
	}
	return binary.BigEndian
}

// parseHeader reads a header from the first HeaderLen bytes of b.
func parseHeader(b []byte) Header {
	h := Header{Version: b[0], Minor: b[1], Type: b[2], Flags: b[3]}
	copy(h.Drep[:], b[4:8])
	o := h.order()
	h.FragLen, h.AuthLen, h.CallID = o.Uint16(b[8:]), o.Uint16(b[10:]), o.Uint32(b[12:])
	return h
}

// Probe reports whether data starts like a DCE/RPC PDU, as Suricata's
// probing parser decides it (version 5.0, a sane data representation),
// and whether more bytes are needed to tell.
func Probe(data []byte) (is, more bool) {
	if len(data) < 2 {
		return false, len(data) == 1 && data[0] == 5
	}
	if data[0] != 5 || data[1] != 0 {
		return false, false
	}
	if len(data) < HeaderLen {
		return false, true
	}
	h := parseHeader(data)
	return h.Drep[0]&0xee == 0 && h.Drep[1] <= 3, false
}
