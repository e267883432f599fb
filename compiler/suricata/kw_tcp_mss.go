package suricata

import "math"

func init() { registerField("tcp.mss", math.MaxUint16, "tcp") }
