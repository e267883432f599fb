package suricata

import "math"

func init() { registerExact([]string{"icmp_seq"}, math.MaxUint16, false, "icmp", "icmpv4", "icmpv6") }
