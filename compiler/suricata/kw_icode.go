package suricata

import "math"

func init() { registerField("icode", math.MaxUint8, "icmp", "icmpv4", "icmpv6") }
