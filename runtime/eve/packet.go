package eve

import (
	"encoding/base64"
	"fmt"
	"net/netip"
	"strings"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// Options of the alert record type and of the eve-log output, kept in
// Types under these names (suricata.yaml's outputs: eve-log: ethernet:,
// types: - alert: packet:, payload:, payload-printable:, payload-length:).
const (
	Ethernet              = "ethernet"                // the frame's MAC addresses ("ether")
	PcapFile              = "pcap-file"               // offline, every record names the capture ("pcap_filename")
	AlertPacket           = "alert.packet"            // the packet as captured ("packet", "packet_info")
	AlertPayload          = "alert.payload"           // the payload in base64 ("payload")
	AlertPayloadPrintable = "alert.payload-printable" // the payload's printable bytes ("payload_printable")
	AlertPayloadLength    = "alert.payload-length"    // the payload's length ("payload_length")
)

// StreamPayloadSize is how much of a TCP stream an alert on stream data
// shows (Suricata's default payload-buffer-size).
const StreamPayloadSize = 4096

// StreamPayload reports whether alerts show payloads, for which the
// flow tracker keeps each stream's payload (flow.Config.StreamLog).
func (t Types) StreamPayload() bool {
	return t.Any(AlertPayload, AlertPayloadPrintable, AlertPayloadLength)
}

// Detail is what an alert record shows of the packet or stream it fired
// on, as its Types configure.
type Detail struct {
	ether   *orderedObject
	payload *orderedObject // payload fields and "stream"
	packet  []byte
	link    decode.Link
}

// PacketDetail is the detail t configures of an alert on the packet of
// frame, captured with link l, whose logged payload is payload: the
// packet's own, or the stream's when stream is set.
func (t Types) PacketDetail(frame []byte, l decode.Link, payload []byte, stream bool) *Detail {
	d := &Detail{}
	if t.On(Ethernet) {
		d.ether = etherSection(frame, l, false)
	}
	if t.Any(AlertPayload, AlertPayloadPrintable, AlertPayloadLength) {
		d.payload = &orderedObject{}
		if len(payload) > 0 && t.On(AlertPayload) {
			d.payload.add("payload", base64.StdEncoding.EncodeToString(payload))
		}
		if t.On(AlertPayloadLength) {
			d.payload.add("payload_length", len(payload))
		}
		if len(payload) > 0 && t.On(AlertPayloadPrintable) {
			d.payload.add("payload_printable", printable(payload))
		}
		s := 0
		if stream {
			s = 1
		}
		d.payload.add("stream", s)
	}
	if t.On(AlertPacket) && frame != nil {
		d.packet, d.link = l.Record(frame), l
	}
	return d
}

func etherSection(frame []byte, l decode.Link, swap bool) *orderedObject {
	if !l.Ethernet() || len(frame) < 14 {
		return nil
	}
	src, dst := frame[6:12], frame[0:6]
	if swap {
		src, dst = dst, src
	}
	e := &orderedObject{}
	e.add("ether_type", uint16(frame[12])<<8|uint16(frame[13]))
	e.add("src_mac", mac(src))
	e.add("dest_mac", mac(dst))
	return e
}

func mac(b []byte) string {
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5])
}

// printable is Suricata's payload_printable: printable ASCII kept, CR and
// LF as themselves, any other byte as '.'.
func printable(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c == '\r' || c == '\n' || c >= 0x20 && c < 0x7f {
			s.WriteByte(c)
		} else {
			s.WriteByte('.')
		}
	}
	return s.String()
}

// addEther writes the "ether" section.
func (d *Detail) addEther(m *orderedObject) {
	if d != nil && d.ether != nil {
		m.add("ether", d.ether)
	}
}

// addPayload writes the payload and packet fields.
func (d *Detail) addPayload(m *orderedObject) {
	if d == nil {
		return
	}
	if d.payload != nil {
		for i, k := range d.payload.keys {
			m.add(k, d.payload.vals[i])
		}
	}
	if d.packet != nil {
		m.add("packet", base64.StdEncoding.EncodeToString(d.packet))
		info := &orderedObject{}
		info.add("linktype", d.link.LinkType())
		info.add("linktype_name", d.link.Name())
		m.add("packet_info", info)
	}
}

// RecordEther is the ether object of an app-layer record whose source is
// src: the addresses of the packet p that completed it, swapped when src
// is the packet's destination (a record in the flow's direction on a
// packet to the client); without an Ethernet packet, the flow's first
// addresses.
func RecordEther(p *inspect.Packet, f *inspect.Flow, src netip.Addr) *Detail {
	d := &Detail{ether: &orderedObject{}}
	if p != nil && p.Link.Ethernet() && len(p.Frame) >= 14 {
		s, t := p.Frame[6:12], p.Frame[0:6]
		if src != p.Src {
			s, t = t, s
		}
		d.ether.add("ether_type", uint16(p.Frame[12])<<8|uint16(p.Frame[13]))
		d.ether.add("src_mac", mac(s))
		d.ether.add("dest_mac", mac(t))
		return d
	}
	if f == nil || len(f.MACs[inspect.ToServer]) == 0 || len(f.MACs[inspect.ToClient]) == 0 {
		return nil
	}
	d.ether.add("src_mac", mac(f.MACs[inspect.ToServer][0][:]))
	d.ether.add("dest_mac", mac(f.MACs[inspect.ToClient][0][:]))
	return d
}

// flowEther is a flow record's ether object: the addresses seen on each
// side, or nil.
func flowEther(f *inspect.Flow) map[string]any {
	if len(f.MACs[inspect.ToServer])+len(f.MACs[inspect.ToClient]) == 0 {
		return nil
	}
	list := func(side inspect.Dir) []any {
		out := []any{}
		for _, m := range f.MACs[side] {
			out = append(out, mac(m[:]))
		}
		return out
	}
	return map[string]any{"src_macs": list(inspect.ToServer), "dest_macs": list(inspect.ToClient)}
}
