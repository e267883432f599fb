package ir

// VarMatch is Suricata's flowvar and pktvar keywords: the flow's (Scope
// "flow") or the packet's ("pkt") variable Name is set and contains
// Content.
type VarMatch struct {
	Scope   string
	Name    string
	Content []byte
}

func (m *VarMatch) Kind() string { return m.Scope + "var" }
func (m *VarMatch) Buf() Buffer  { return Buffer{Name: "flow"} }
