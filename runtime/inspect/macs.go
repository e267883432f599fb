package inspect

// MaxMACs bounds the Ethernet addresses a flow keeps per side.
const MaxMACs = 10

// AddMAC adds an address to a side's set unless it holds it or is full.
func (f *Flow) AddMAC(side Dir, mac []byte) {
	var a [6]byte
	copy(a[:], mac)
	for _, m := range f.MACs[side] {
		if m == a {
			return
		}
	}
	if len(f.MACs[side]) < MaxMACs {
		f.MACs[side] = append(f.MACs[side], a)
	}
}
