package inspect

// DCE is a DCE/RPC transaction as the dcerpc keywords see it.
type DCE struct {
	RequestSeen bool
	Opnum       uint16
	// Little is the byte order of the transaction's stub data, for
	// byte_test, byte_jump and byte_extract with the dce option.
	Little bool
	// Ifaces are the interfaces bound, and accepted, to the context id of
	// the transaction's request.
	Ifaces []DCEIface
}

// DCEIface is an accepted presentation context.
type DCEIface struct {
	UUID      [16]byte
	Version   uint16
	FirstFrag bool // proposed by a PDU with the first-fragment flag
}
