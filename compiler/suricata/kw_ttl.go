package suricata

import "math"

func init() { registerField("ttl", math.MaxUint8) }
