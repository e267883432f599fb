package flow

// Stats counts what the tracker saw and did.
type Stats struct {
	Frames       uint64 // frames given to Frame
	Packets      uint64 // IP packets decoded
	DecodeErrors uint64 // truncated or corrupt frames
	NonIP        uint64 // frames carrying no IP packet (ARP, LLDP, ...)
	Fragments    uint64 // IP fragments, inspected as they are
	InvalidL4    uint64 // IP packets whose transport header is invalid, inspected as IP only
	Flows        uint64 // flows created
	ActiveFlows  int    // flows in the table now
	Evicted      uint64 // flows ended to stay within MaxFlows
	// EvictedEstablished counts the evicted flows that were established.
	EvictedEstablished uint64
	Emergencies        uint64 // times the full table entered emergency mode
	TimedOut           uint64 // flows ended by their idle timeout
	Reused             uint64 // TCP flows ended by a new SYN on their tuple
	StreamChunks       uint64 // KindStream units
	StreamBytes        uint64 // bytes in KindStream units
	Gaps               uint64 // holes skipped in reassembled streams
	GapBytes           uint64 // bytes those holes span
	ParseErrors        uint64 // app-layer directions or messages that failed to parse
	HTTPRequests       uint64 // HTTP request heads parsed
	DNSMessages        uint64 // DNS messages parsed
	TLSHellos          uint64 // TLS ClientHellos parsed
	Units              uint64 // units emitted
}

// Limits counts what the tracker's bounds cut short, by name, for the
// run summary, stats and metrics.
func (t *Tracker) Limits() map[string]uint64 {
	s := &t.stats
	return map[string]uint64{
		"flow_evicted":             s.Evicted,
		"flow_evicted_established": s.EvictedEstablished,
		"flow_emergency_mode":      s.Emergencies,
	}
}
