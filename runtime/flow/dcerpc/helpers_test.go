package dcerpc

import "encoding/binary"

// pdu builds a connection-oriented PDU.
func pdu(typ, flags uint8, little bool, callID uint32, body []byte) []byte {
	o := appender(little)
	b := []byte{5, 0, typ, flags, 0, 0, 0, 0}
	if little {
		b[4] = 0x10
	}
	b = o.AppendUint16(b, uint16(HeaderLen+len(body)))
	b = o.AppendUint16(b, 0)
	b = o.AppendUint32(b, callID)
	return append(b, body...)
}

// request builds a request PDU's body: alloc hint, context id, opnum,
// stub.
func request(little bool, ctx, opnum uint16, stub []byte) []byte {
	o := appender(little)
	b := o.AppendUint32(nil, uint32(len(stub)))
	b = o.AppendUint16(b, ctx)
	b = o.AppendUint16(b, opnum)
	return append(b, stub...)
}

// bindBody builds a bind body with one context per uuid (wire order).
func bindBody(little bool, ctxs []uint16, uuids [][16]byte, version uint16) []byte {
	o := appender(little)
	b := []byte{0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0, byte(len(ctxs)), 0, 0, 0}
	for i, c := range ctxs {
		b = o.AppendUint16(b, c)
		b = append(b, 1, 0)
		b = append(b, uuids[i][:]...)
		b = o.AppendUint16(b, version)
		b = o.AppendUint16(b, 0)
		b = append(b, make([]byte, 20)...)
	}
	return b
}

// bindAckBody builds a bind_ack body with the given results; its fields
// are little endian as Suricata reads them.
func bindAckBody(results []uint16) []byte {
	le := binary.LittleEndian
	b := []byte{0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0}
	b = le.AppendUint16(b, 4) // secondary address "135\x00"
	b = append(b, '1', '3', '5', 0, 0, 0)
	b = append(b, byte(len(results)), 0, 0, 0)
	for _, r := range results {
		b = le.AppendUint16(b, r)
		b = le.AppendUint16(b, 0)
		b = append(b, make([]byte, 20)...)
	}
	return b
}

func appender(little bool) binary.AppendByteOrder {
	if little {
		return binary.LittleEndian
	}
	return binary.BigEndian
}
