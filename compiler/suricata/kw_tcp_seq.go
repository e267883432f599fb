package suricata

import "math"

func init() { registerExact([]string{"tcp.seq", "seq"}, math.MaxUint32, false, "tcp") }
