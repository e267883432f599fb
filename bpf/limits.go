package bpf

// Limits of the classifier, mirroring the #defines of rulec.h.
const (
	MaxSummary = 32    // summary words of a bitset
	MaxWords   = 2048  // bitset words: at most 131,072 slots
	MaxScan    = 4096  // payload bytes the automaton walks
	MaxPattern = 128   // bytes of one kernel pattern
	MaxEvents  = 16    // alert events per packet; more are counted
	MaxFound   = 256   // items found per packet that narrow the slot walk
	SnapLen    = 65535 // packet bytes a COPY event carries
	AcceptBit  = 0x80000000
	ItemNeg    = 0x80000000
	NoRule     = 0xffffffff
	FlowDrops  = 65536 // flows a drop verdict marks (LRU)
	FlowMax    = 65536 // flows the flow map tracks (LRU)
	TLSFlows   = 65536 // TCP flows followed for tls.sni (LRU)
	MaxExts    = 64    // ClientHello extensions the parser walks
	// MaxTunnelPorts is how many ports each UDP encapsulation takes
	// (decode.MaxTunnelPorts).
	MaxTunnelPorts = 4
)
