package ir

// Header is the resolved rule header.
type Header struct {
	Proto    Proto
	Src, Dst AddrSet
	SrcPorts PortSet
	DstPorts PortSet
	Bidir    bool
	// TxBoth is Suricata 8's "=>": the rule matches one transaction in
	// both directions, once its to-client side is in; its header reads
	// as "->" from the client.
	TxBoth bool
}

// Proto is the rule protocol split into its transport and, for app-layer
// rules, the application protocol.
type Proto struct {
	L4   string // "ip" (any), "tcp", "udp", "icmp" (ICMPv4 and ICMPv6), "icmpv4", "icmpv6", "sctp"
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

// Bit is a flowbits, xbits or flowint operation, a condition (isset,
// isnotset, flowint comparisons) or an effect of a match (set, unset,
// toggle, flowint =, +, -).
type Bit struct {
	Kind   string // "flowbits", "xbits" or "flowint"
	Cmd    string // set, unset, toggle, isset, isnotset; flowint: = + - == != < <= > >= isset isnotset
	Names  []string
	Any    bool   // names joined with | (any of them) rather than & (all)
	Track  string // xbits: ip_src, ip_dst, ip_pair, tx
	Expire int    // xbits: seconds
	Value  uint32 // flowint: the operand, when Var is empty
	Var    string // flowint: the operand is this flowint (0 when unset)
}

// FlowintOps are flowint's operators: the first three change the variable
// when the rule matches, the others are conditions.
var FlowintOps = []string{"=", "+", "-", "==", "!=", "<", "<=", ">", ">=", "isset", "isnotset"}

// Sets reports whether the operation changes state when its rule matches.
func (b *Bit) Sets() bool {
	switch b.Cmd {
	case "set", "unset", "toggle", "=", "+", "-":
		return true
	}
	return false
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

// ToServerOf names the request side of a buffer both directions have
// (http.header, file.data, ...), as a transactional rule ("=>") inspects
// it with the response.
func ToServerOf(name string) string { return name + ":to_server" }
