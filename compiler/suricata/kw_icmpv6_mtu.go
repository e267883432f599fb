package suricata

import "math"

func init() { registerField("icmpv6.mtu", math.MaxUint32, "icmp", "icmpv6") }
