package ir

// Dataset tests the buffer's value against a named set shared by the
// rules that name it (dataset keyword): Cmd is set (add; holds when the
// value was new), isset, isnotset or unset (remove; holds when it was
// there). Values are the set's initial contents as loaded at compile
// time, decoded (string values raw, md5/sha256 raw bytes, ipv4 4 bytes,
// ip 16 bytes). Subdomain also matches a value one of whose dot-suffixes
// is in the set; Save is a file the set is written to at the end of a
// run ("" for none). Memcap bounds the set's memory in bytes, as
// Suricata's memcap option (0: its default, 16 MiB).
type Dataset struct {
	Buffer    Buffer
	Cmd       string
	Name      string
	Type      string
	Subdomain bool
	Values    []string
	Save      string
	Memcap    int64
}

func (m *Dataset) Kind() string { return "dataset" }
func (m *Dataset) Buf() Buffer  { return m.Buffer }

// VLANID compares the packet's VLAN ids: the one at Layer (0 the
// outermost, -1 the innermost), or any layer (AnyLayer), or every layer
// (AllLayers).
type VLANID struct {
	Cmp       Cmp
	Layer     int
	AnyLayer  bool
	AllLayers bool
}

func (m *VLANID) Kind() string { return "vlan.id" }
func (m *VLANID) Buf() Buffer  { return Buffer{Name: "pkt.hdr"} }
