package flow

import (
	"time"

	"github.com/rulec/rulec/runtime/flow/http"
)

// Config sets the tracker's bounds and behaviour.
type Config struct {
	// MaxFlows bounds the flow table; a new flow beyond it ends the flow
	// idle the longest.
	MaxFlows int
	// FlowTimeout ends UDP, ICMP and other flows idle this long, in packet
	// time.
	FlowTimeout time.Duration
	// TCPTimeout ends TCP flows idle this long, in packet time.
	TCPTimeout time.Duration
	// MaxStreamBuffer is how many reassembled bytes of one direction are
	// held before they are emitted as a KindStream unit.
	MaxStreamBuffer int
	// StreamDepth bounds the bytes per direction emitted as KindStream
	// units (Suricata's stream.reassembly.depth); 0 means no bound.
	// App-layer parsing goes on past it.
	StreamDepth int
	// MaxOutOfOrder bounds out-of-order bytes buffered per direction;
	// MaxOutOfOrderTotal bounds them across flows. Past either, the
	// oldest hole is skipped.
	MaxOutOfOrder, MaxOutOfOrderTotal int
	// Midstream reassembles TCP flows whose handshake was not seen
	// (Suricata's stream.midstream, false by default).
	Midstream bool
	// HTTP bounds HTTP parsing.
	HTTP http.Config
}

// DefaultConfig returns Suricata-like defaults.
func DefaultConfig() Config {
	return Config{
		MaxFlows:           65536,
		FlowTimeout:        300 * time.Second,
		TCPTimeout:         600 * time.Second,
		MaxStreamBuffer:    4096,
		StreamDepth:        1 << 20,
		MaxOutOfOrder:      256 << 10,
		MaxOutOfOrderTotal: 64 << 20,
		HTTP:               http.DefaultConfig(),
	}
}
