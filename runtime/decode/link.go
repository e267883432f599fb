package decode

// Link types (pcap LINKTYPE_* values) that the capture reads.
const (
	LinkEthernet = 1
	LinkRaw      = 12 // Suricata's DLT_RAW: its pseudo packets of tunnels' inner packets
	LinkIPv4     = 228
	LinkIPv6     = 229
)

// Link is the link layer a frame was captured with. The capture makes
// every record an Ethernet frame; for a record of another link type, Link
// keeps its type and the bytes it had before its IP packet, so the record
// can be logged as captured (EVE's packet and packet_info).
type Link struct {
	Type   uint16 // pcap LINKTYPE_*
	Header []byte // the record's bytes before its IP packet (not Ethernet)
}

// Ethernet reports whether the frame is the record itself: an Ethernet
// record, or the zero Link (a frame from no capture file).
func (l Link) Ethernet() bool { return l.Type == LinkEthernet || l.Type == 0 && l.Header == nil }

// LinkType is the pcap link type.
func (l Link) LinkType() uint16 {
	if l.Ethernet() {
		return LinkEthernet
	}
	return l.Type
}

// Record returns the frame as its capture record had it: the frame of
// an Ethernet record, else the record's link header before the frame's
// Ethernet payload.
func (l Link) Record(frame []byte) []byte {
	if l.Ethernet() || len(frame) < ethHeaderLen {
		return frame
	}
	return append(append(make([]byte, 0, len(l.Header)+len(frame)-ethHeaderLen), l.Header...), frame[ethHeaderLen:]...)
}

// linkNames are Suricata's names of the link types (util-datalink.c).
var linkNames = map[uint16]string{0: "NULL", 1: "EN10MB", 9: "PPP", 12: "RAW", 14: "RAW", 101: "RAW2",
	104: "C_HDLC", 113: "LINUX_SLL", 228: "IPv4", 229: "IPv6", 276: "LINUX_SLL2", 778: "GRE_RAW"}

// Name is Suricata's name of the link type, "n/a" for one it does not name.
func (l Link) Name() string {
	if n, ok := linkNames[l.LinkType()]; ok {
		return n
	}
	return "n/a"
}
