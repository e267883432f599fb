package frame

// Marker takes the frames a parser finds in one direction of its stream.
// Offsets count the bytes fed to the parser in that direction, from 0.
type Marker interface {
	// Open marks a frame of type typ (Suricata's name without the
	// protocol: "record.pdu") starting at off, n bytes long, or -1 while
	// its end is unknown; tx is its transaction (Suricata's tx_id, from
	// 0) or -1. It returns the frame's id, or 0 when no rule inspects the
	// type.
	Open(typ string, off uint64, n int64, tx int64) int64
	// Close sets the length of the open frame id once its end is known.
	Close(id int64, n int64)
	// SetTx sets the transaction of the frame id.
	SetTx(id int64, tx int64)
}
