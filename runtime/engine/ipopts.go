package engine

import "github.com/rulec/rulec/runtime/inspect"

// ipOptFlags are the ipopts names' flags; "any" asks for every flag, as
// Suricata 8 matches it (all bits of its mask set), so it never holds.
var ipOptFlags = map[string]uint16{
	"eol": inspect.OptEOL, "nop": inspect.OptNOP, "rr": inspect.OptRR, "ts": inspect.OptTS,
	"qs": inspect.OptQS, "lsrr": inspect.OptLSRR, "ssrr": inspect.OptSSRR, "satid": inspect.OptSID,
	"sec": inspect.OptSEC, "cipso": inspect.OptCIPSO, "rtralt": inspect.OptRTRALT, "esec": inspect.OptESEC,
	"any": 0xffff,
}

func ipOptHolds(name string, p *inspect.Packet) bool {
	f := ipOptFlags[name]
	return f != 0 && p.IPv4Options()&f == f
}
