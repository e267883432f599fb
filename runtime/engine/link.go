package engine

import (
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// SetLink sets the link layer the next frames were captured with (see
// decode.Link); frames of a capture's reader carry their own.
func (e *Engine) SetLink(l decode.Link) { e.link = l }

// decode decodes frame into d, with the link layer of the frame.
func (e *Engine) decode(frame []byte, d *decode.Packet) error {
	err := e.opts.Decoder.Decode(frame, d)
	d.Link = e.link
	return err
}

// detailed reports whether alerts show the packet, its payload or its
// Ethernet header.
func (e *Engine) detailed() bool {
	return e.opts.Records.Any(eve.Ethernet, eve.AlertPacket, eve.AlertPayload, eve.AlertPayloadPrintable, eve.AlertPayloadLength)
}

// unitDetail is the packet detail of an alert on u: its packet, and the
// packet's payload, or for a TCP stream or transaction match the
// stream's data (Suricata's stream match).
func (e *Engine) unitDetail(u *inspect.Unit) *eve.Detail {
	if !e.detailed() {
		return nil
	}
	var frame, payload []byte
	var link decode.Link
	if p := u.Packet; p != nil {
		frame, payload, link = p.Frame, p.Payload, p.Link
	}
	stream := u.Kind != inspect.KindPacket && u.Flow.Proto == 6
	if stream && len(u.StreamLog) > 0 {
		payload = u.StreamLog
	}
	if frame == nil && !stream {
		return nil
	}
	return e.opts.Records.PacketDetail(frame, link, payload, stream)
}

// frameDetail is the packet detail of a kernel alert on the frame being
// decided.
func (e *Engine) frameDetail() *eve.Detail {
	o := e.cur
	if o == nil || o.Frame == nil || !e.detailed() {
		return nil
	}
	var payload []byte
	l := e.link
	if d := o.Decoded; d != nil {
		payload, l = d.Payload, d.Link
		if d.L4 == decode.L4Fragment {
			payload = nil
		}
	}
	return e.opts.Records.PacketDetail(o.Frame, l, payload, false)
}
