package defrag

import "errors"

// ErrPolicy reports an unknown overlap policy name.
var ErrPolicy = errors.New("unknown defrag policy")

// Stats counts what defragmentation did, as Suricata's defrag.* counters.
type Stats struct {
	Fragments   [2]uint64 // fragments taken, IPv4 then IPv6
	Reassembled [2]uint64 // packets reassembled, IPv4 then IPv6
	Overlaps    uint64    // fragments overlapping data already held
	TooLarge    uint64    // fragments past 65,535 bytes of packet: dropped
	Ignored     uint64    // fragments of a packet already reassembled
	TimedOut    uint64    // trackers dropped unfinished by the timeout
	MemcapDrops uint64    // fragments dropped at the memcap
	MaxTrackers uint64    // fragments dropped with the tracker table full
	MaxFrags    uint64    // fragments dropped with MaxFragments held
	Trackers    int       // trackers held now
	Bytes       int       // fragment bytes held now
}

// Limits names the losses for the run summary, stats and metrics.
func (s Stats) Limits() map[string]uint64 {
	return map[string]uint64{
		"defrag_timeout":      s.TimedOut,
		"defrag_memcap":       s.MemcapDrops,
		"defrag_max_trackers": s.MaxTrackers,
		"defrag_max_frags":    s.MaxFrags,
		"defrag_too_large":    s.TooLarge,
	}
}
