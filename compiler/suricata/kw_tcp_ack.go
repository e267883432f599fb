package suricata

import "math"

func init() { registerExact([]string{"tcp.ack", "ack"}, math.MaxUint32, false, "tcp") }
