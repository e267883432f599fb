package suricata

import "math"

func init() { registerExact([]string{"tcp.window", "window"}, math.MaxUint16, true, "tcp") }
