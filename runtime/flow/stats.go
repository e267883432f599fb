package flow

// Stats counts what the tracker saw and did.
type Stats struct {
	Frames       uint64 // frames given to Frame
	Packets      uint64 // IP packets decoded
	DecodeErrors uint64 // truncated or corrupt frames
	NonIP        uint64 // frames carrying no IP packet (ARP, LLDP, ...)
	Fragments    uint64 // IP fragments, inspected as they are
	Flows        uint64 // flows created
	ActiveFlows  int    // flows in the table now
	Evicted      uint64 // flows ended to stay within MaxFlows
	TimedOut     uint64 // flows ended by their idle timeout
	Reused       uint64 // TCP flows ended by a new SYN on their tuple
	StreamChunks uint64 // KindStream units
	StreamBytes  uint64 // bytes in KindStream units
	Gaps         uint64 // holes skipped in reassembled streams
	GapBytes     uint64 // bytes those holes span
	ParseErrors  uint64 // app-layer directions or messages that failed to parse
	HTTPRequests uint64 // HTTP request heads parsed
	DNSMessages  uint64 // DNS messages parsed
	TLSHellos    uint64 // TLS ClientHellos parsed
	Units        uint64 // units emitted
}
