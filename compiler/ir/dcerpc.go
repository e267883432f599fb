package ir

// DCEIface holds on a DCE/RPC request or response whose request context
// was bound to interface UUID and accepted; Version, when its Op is set,
// compares the interface's major version. Without AnyFrag the binding
// PDU must have had the first-fragment flag.
type DCEIface struct {
	UUID    [16]byte
	Version Cmp
	AnyFrag bool
}

// DCEOpnum holds when the request's operation number satisfies one of
// Any (single numbers and inclusive ranges, or one integer comparison).
type DCEOpnum struct {
	Any []Cmp
}

func (m *DCEIface) Kind() string { return "dcerpc.iface" }
func (m *DCEOpnum) Kind() string { return "dcerpc.opnum" }
func (m *DCEIface) Buf() Buffer  { return Buffer{Name: "dcerpc.generic"} }
func (m *DCEOpnum) Buf() Buffer  { return Buffer{Name: "dcerpc.generic"} }
