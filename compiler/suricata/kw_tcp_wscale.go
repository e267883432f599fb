package suricata

import "math"

func init() { registerField("tcp.wscale", math.MaxUint8, "tcp") }
