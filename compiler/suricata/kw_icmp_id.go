package suricata

import "math"

func init() { registerExact([]string{"icmp_id"}, math.MaxUint16, false, "icmp", "icmpv4", "icmpv6") }
