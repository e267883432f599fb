package dcerpc

// UUID is an interface UUID in its string order.
type UUID [16]byte

// wireUUID reads a UUID from a PDU: little-endian PDUs carry its first
// three fields byte-reversed (Suricata reads big-endian ones as they are).
func wireUUID(b []byte, little bool) UUID {
	var u UUID
	copy(u[:], b[:16])
	if little {
		u[0], u[1], u[2], u[3] = b[3], b[2], b[1], b[0]
		u[4], u[5] = b[5], b[4]
		u[6], u[7] = b[7], b[6]
	}
	return u
}
