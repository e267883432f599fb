package suricata

import "math"

func init() { registerField("itype", math.MaxUint8, "icmp", "icmpv4", "icmpv6") }
