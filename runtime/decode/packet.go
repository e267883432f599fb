package decode

import (
	"errors"
	"net/netip"

	"github.com/rulec/rulec/runtime/flowid"
)

var (
	// ErrTruncated is returned for a frame cut short of what its headers
	// announce.
	ErrTruncated = errors.New("truncated frame")
	// ErrCorrupt is returned for a frame whose headers are invalid.
	ErrCorrupt = errors.New("corrupt frame")
	// ErrSetting is returned for a decoder setting rulec does not know.
	ErrSetting = errors.New("unknown decoder setting")
)

// MaxVLANs is how many VLAN tags a frame may carry (Suricata's
// VLAN_MAX_LAYERS); one more raises vlan.too_many_layers.
const MaxVLANs = 3

// Transport says which transport header a packet's L4 fields come from.
type Transport uint8

const (
	L4None     Transport = iota // another protocol: Payload follows the network headers
	L4TCP                       // Sport, Dport, Seq, Ack, TCPFlags
	L4UDP                       // Sport, Dport
	L4ICMP                      // IType, ICode (ICMP or ICMPv6)
	L4Fragment                  // an IP fragment: only the network header is decoded
	// L4Invalid: the IP packet is whole but its extension or transport
	// headers do not decode (an event says why); Suricata inspects it as
	// an IP packet.
	L4Invalid
)

// Fragment is what a fragment says of its place in the original packet.
type Fragment struct {
	ID     uint32 // IPv4 identification or IPv6 fragment header id
	Offset int    // in bytes
	More   bool   // more fragments follow
	// IPv6 only: where the fragment header starts and where the byte that
	// names it as next header is, both from the start of the IPv6 header.
	HdrOff, PrevNextOff int
}

// Packet is one decoded frame. Byte slices alias the frame.
type Packet struct {
	Frame  []byte
	Link   Link             // how the frame was captured; set by the caller after Decode
	VLANs  [MaxVLANs]uint16 // VLAN ids, outermost first
	NVLANs int
	// Recursion is how many tunnels the packet was found in (Suricata's
	// recursion level, part of its flow key); its decapsulator sets it.
	Recursion uint8
	EtherType uint16 // after the VLAN tags
	Events    Events
	Family    uint8 // 4 or 6; 0 when the frame carries no IP packet
	Src, Dst  netip.Addr
	Proto     uint8 // the transport protocol (after IPv6 extension headers)
	TTL       uint8
	NetOff    int // the IP header's offset in Frame
	NetEnd    int // the end of the IP packet in Frame (before link padding)
	L4Off     int // the transport header's offset in Frame (where a truncated IPv6 extension header starts)
	ExtHdrs   int // IPv6 extension headers, a truncated one included
	L4        Transport
	Frag      Fragment // L4Fragment only
	Sport     uint16
	Dport     uint16
	Seq, Ack  uint32
	TCPFlags  uint8
	IType     uint8
	ICode     uint8
	Payload   []byte
	Quoted    Quoted // ICMPv4 destination unreachable: the packet it quotes
	Tunnel    Tunnel // the packet this one encapsulates, if any
	// WireLen, when set, is the packet's size in flow statistics instead
	// of the frame's: a tunnel's inner packet counts what the outer one
	// carried of it (Tunnel.Len).
	WireLen int
	cfg     *Config // the UDP encapsulations decoded
}

// Len is the packet's size in flow statistics.
func (p *Packet) Len() int {
	if p.WireLen > 0 {
		return p.WireLen
	}
	return len(p.Frame)
}

// VLANList returns the VLAN ids as a slice of p's array.
func (p *Packet) VLANList() []uint16 { return p.VLANs[:p.NVLANs] }

// IP returns the IP packet, from its header to its end.
func (p *Packet) IP() []byte { return p.Frame[p.NetOff:p.NetEnd] }

// FlowKey returns the packet's flow key (runtime/flowid).
func (p *Packet) FlowKey() flowid.Key {
	k := flowid.Key{Src: flowid.Addr(p.Src), Dst: flowid.Addr(p.Dst), Proto: p.Proto, Family: p.Family, VLAN: p.VLANs}
	switch {
	case p.Proto == 1 || p.Proto == 58:
		k.Sport, k.Dport = flowid.ICMPPorts(p.Proto, p.IType)
	case p.L4 == L4TCP || p.L4 == L4UDP:
		k.Sport, k.Dport = p.Sport, p.Dport
	}
	return k
}
