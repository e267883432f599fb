package ir

// IPOptNames are the IPv4 option names the ipopts keyword takes.
var IPOptNames = []string{"rr", "eol", "nop", "ts", "sec", "esec", "lsrr", "ssrr", "satid", "qs", "cipso", "rtralt", "any"}

// IPOpt holds when the packet's IPv4 header carries option Name.
type IPOpt struct {
	Name string
}

func (m *IPOpt) Kind() string { return "ipopts" }
func (m *IPOpt) Buf() Buffer  { return Buffer{Name: "pkt.hdr"} }
