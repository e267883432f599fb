package flow

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/inspect"
)

var (
	// ErrTruncated is returned for a frame cut short of what its headers
	// announce.
	ErrTruncated = errors.New("truncated frame")
	// ErrCorrupt is returned for a frame whose headers are invalid.
	ErrCorrupt = errors.New("corrupt frame")
	// ErrSetting, ErrSize and ErrDuration are Config.Set's errors: an
	// unknown key, a bad size, a bad timeout.
	ErrSetting  = errors.New("unknown setting")
	ErrSize     = errors.New("bad size, want a number of bytes with an optional kb, mb or gb")
	ErrDuration = errors.New("bad timeout, want seconds or a duration such as 90s")
)

const (
	etherTypeIPv4 = 0x0800
	etherTypeIPv6 = 0x86dd
	ethHeaderLen  = 14
	vlanTagLen    = 4
	icmpv6HdrRest = 4 // ICMPv6 header bytes gopacket leaves in the payload
)

func isVLANTag(t uint16) bool { return t == 0x8100 || t == 0x88a8 || t == 0x9100 }

// decoder decodes frames with gopacket's DecodingLayerParser into layers
// it reuses; it is not safe for concurrent use.
type decoder struct {
	ip4     layers.IPv4
	ip6     layers.IPv6
	ext     layers.IPv6ExtensionSkipper
	frag6   layers.IPv6Fragment
	tcp     layers.TCP
	udp     layers.UDP
	icmp4   layers.ICMPv4
	icmp6   layers.ICMPv6
	p4, p6  *gopacket.DecodingLayerParser
	decoded []gopacket.LayerType
}

func newDecoder() *decoder {
	d := &decoder{}
	ls := []gopacket.DecodingLayer{&d.ip4, &d.ip6, &d.ext, &d.frag6, &d.tcp, &d.udp, &d.icmp4, &d.icmp6}
	parser := func(first gopacket.LayerType) *gopacket.DecodingLayerParser {
		p := gopacket.NewDecodingLayerParser(first)
		p.SetDecodingLayerContainer(gopacket.DecodingLayerSparse(nil))
		for _, l := range ls {
			p.AddDecodingLayer(l)
		}
		p.IgnoreUnsupported = true
		return p
	}
	d.p4, d.p6 = parser(layers.LayerTypeIPv4), parser(layers.LayerTypeIPv6)
	return d
}

// transport is the L4 layer a decode ended with.
type transport uint8

const (
	l4None transport = iota
	l4TCP
	l4UDP
	l4ICMP
	l4Fragment
	// l4Invalid is an IP packet whose transport header does not decode:
	// Suricata still inspects it as an IP packet, without a flow.
	l4Invalid
)

// decode fills p from an Ethernet frame. ok is false for a frame that carries no IP
// packet.
func (d *decoder) decode(frame []byte, p *inspect.Packet) (l4 transport, ok bool, err error) {
	off, et, err := d.network(frame, p)
	if err != nil {
		return l4None, false, err
	}
	var parser *gopacket.DecodingLayerParser
	var version byte
	switch et {
	case etherTypeIPv4:
		parser, version = d.p4, 4
	case etherTypeIPv6:
		parser, version = d.p6, 6
	default:
		return l4None, false, nil
	}
	data := frame[off:]
	if len(data) > 0 && data[0]>>4 != version {
		return l4None, false, fmt.Errorf("%w: ip version %d in an IPv%d frame", ErrCorrupt, data[0]>>4, version)
	}
	err = parser.DecodeLayers(data, &d.decoded)
	switch {
	case err != nil && d.ipDecoded(data):
		d.fill(p)
		p.Payload = nil
		return l4Invalid, true, nil
	case parser.Truncated && err != nil:
		return l4None, false, fmt.Errorf("%w: %w", ErrTruncated, err)
	case parser.Truncated:
		return l4None, false, fmt.Errorf("%w: ip length beyond the frame", ErrTruncated)
	case err != nil:
		return l4None, false, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return d.fill(p), true, nil
}

// ipDecoded tells whether a failed decode of data got past the IP header
// and its extension headers of a packet the frame holds whole, so only its
// transport header is wrong.
func (d *decoder) ipDecoded(data []byte) bool {
	if len(d.decoded) == 0 {
		return false
	}
	switch d.decoded[len(d.decoded)-1] {
	case layers.LayerTypeIPv4, layers.LayerTypeIPv6, layers.LayerTypeIPv6HopByHop, layers.LayerTypeIPv6Routing, layers.LayerTypeIPv6Destination:
	default:
		return false
	}
	if d.decoded[0] == layers.LayerTypeIPv4 {
		return int(d.ip4.Length) <= len(data)
	}
	return 40+int(d.ip6.Length) <= len(data)
}

// fill copies what the decoded layers say into p.
func (d *decoder) fill(p *inspect.Packet) transport {
	l4 := l4None
	for _, t := range d.decoded {
		switch t {
		case layers.LayerTypeIPv4:
			p.Src, p.Dst = netip.AddrFrom4([4]byte(d.ip4.SrcIP)), netip.AddrFrom4([4]byte(d.ip4.DstIP))
			p.TTL, p.Proto, p.Payload = d.ip4.TTL, uint8(d.ip4.Protocol), d.ip4.Payload
			if d.ip4.Flags&layers.IPv4MoreFragments != 0 || d.ip4.FragOffset != 0 {
				l4 = l4Fragment
			}
		case layers.LayerTypeIPv6:
			p.Src, p.Dst = netip.AddrFrom16([16]byte(d.ip6.SrcIP)), netip.AddrFrom16([16]byte(d.ip6.DstIP))
			p.TTL, p.Proto, p.Payload = d.ip6.HopLimit, uint8(d.ip6.NextHeader), d.ip6.Payload
			if d.ip6.HopByHop != nil {
				p.Proto = uint8(d.ip6.HopByHop.NextHeader)
			}
		case layers.LayerTypeIPv6Routing, layers.LayerTypeIPv6Destination:
			p.Proto, p.Payload = uint8(d.ext.NextHeader), d.ext.Payload
		case layers.LayerTypeIPv6Fragment:
			p.Proto, p.Payload = uint8(d.frag6.NextHeader), d.frag6.Payload
			if d.frag6.FragmentOffset != 0 || d.frag6.MoreFragments {
				l4 = l4Fragment
			}
		case layers.LayerTypeTCP:
			p.Sport, p.Dport = uint16(d.tcp.SrcPort), uint16(d.tcp.DstPort)
			p.TCPFlags, p.Payload = d.tcp.Contents[13], d.tcp.Payload
			l4 = l4TCP
		case layers.LayerTypeUDP:
			p.Sport, p.Dport, p.Payload = uint16(d.udp.SrcPort), uint16(d.udp.DstPort), d.udp.Payload
			l4 = l4UDP
		case layers.LayerTypeICMPv4:
			p.IType, p.ICode, p.Payload = d.icmp4.TypeCode.Type(), d.icmp4.TypeCode.Code(), d.icmp4.Payload
			l4 = l4ICMP
		case layers.LayerTypeICMPv6:
			p.IType, p.ICode, p.Payload = d.icmp6.TypeCode.Type(), d.icmp6.TypeCode.Code(), d.icmp6.Payload[min(icmpv6HdrRest, len(d.icmp6.Payload)):]
			l4 = l4ICMP
		}
	}
	return l4
}
