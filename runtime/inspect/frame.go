package inspect

// Frame is the app-layer frame a KindFrame unit inspects, for its EVE
// frame object.
type Frame struct {
	Type   string // "record.pdu", "stream"
	ID     int64  // from 1, per flow direction
	Offset uint64 // stream offset of its first byte (TCP)
	// Datagram: a UDP frame, Offset in its packet's payload.
	Datagram bool
	Length   int64 // its length, or the bytes so far while its end is unknown
	// Complete: the frame's end is known and its bytes are all there.
	Complete bool
	// Payload is the frame's bytes from its start as logged; Missing is
	// how many of its first bytes are no longer kept.
	Payload []byte
	Missing uint64
	Tx      int64 // its transaction, or -1
}
