package ir

// Header is the resolved rule header.
type Header struct {
	Proto    Proto
	Src, Dst AddrSet
	SrcPorts PortSet
	DstPorts PortSet
	Bidir    bool
}

// Proto is the rule protocol split into its transport and, for app-layer
// rules, the application protocol.
type Proto struct {
	L4   string // "ip" (any), "tcp", "udp", "icmp", "icmpv6", "sctp"
	App  string // "http", "dns", "tls", ... or "" for none
	Mode string // "pkt" or "stream" for tcp-pkt / tcp-stream, else ""
}

// Flow is the flow keyword's constraints.
type Flow struct {
	ToServer       bool
	ToClient       bool
	Established    bool
	NotEstablished bool
	Stateless      bool
	OnlyStream     bool
	NoStream       bool
	OnlyFrag       bool
	NoFrag         bool
}

// Bit is a flowbits or xbits operation, a condition (isset, isnotset) or an
// effect of a match (set, unset, toggle).
type Bit struct {
	Kind   string // "flowbits" or "xbits"
	Cmd    string // set, unset, toggle, isset, isnotset
	Names  []string
	Any    bool   // names joined with | (any of them) rather than & (all)
	Track  string // xbits: ip_src, ip_dst, ip_pair, tx
	Expire int    // xbits: seconds
}

// Threshold is a threshold, limit, both, backoff, detection_filter or
// (from threshold.config) rate_filter setting.
type Threshold struct {
	Kind       string // "threshold", "limit", "both", "backoff", "detection_filter", "rate_filter"
	Track      string // by_src, by_dst, by_rule, by_both, by_flow
	Count      int
	Seconds    int
	Multiplier int // backoff: alert at Count, then every Count*Multiplier^n
	// rate_filter: past Count matches in Seconds the rule acts as
	// NewAction for Timeout seconds.
	NewAction Action
	Timeout   int
}

// Suppress is a threshold.config suppress with a track: the rule's alerts
// are not written when the packet's source (by_src), destination (by_dst)
// or either address (by_either) is in Addrs; its actions still apply.
type Suppress struct {
	Track string
	Addrs AddrSet
}
