package ir

// ChecksumProtos are the headers a checksum keyword checks, as in its
// name: ipv4-csum, tcpv4-csum, ...
var ChecksumProtos = []string{"ipv4", "tcpv4", "tcpv6", "udpv4", "udpv6", "icmpv4", "icmpv6"}

// Checksum holds when the packet carries Proto's header and its checksum
// is valid (Valid) or invalid (!Valid).
type Checksum struct {
	Proto string
	Valid bool
}

func (m *Checksum) Kind() string { return m.Proto + "-csum" }
func (m *Checksum) Buf() Buffer  { return Buffer{Name: "pkt.hdr"} }
