package inspect

// StreamEvent is one of the events of Suricata's TCP stream engine that
// rulec's tracker (runtime/flow) raises, by Suricata's name (stream-event
// keyword).
type StreamEvent uint8

// Stream events.
const (
	StreamPktBrokenAck       StreamEvent = iota // ACK number set without the ACK flag
	StreamRSTButNoSession                       // a reset on a flow without a TCP session
	StreamFINButNoSession                       // a FIN on a flow without a TCP session that does not start one
	StreamRSTInvalidAck                         // a reset whose ACK number is out of the window
	StreamRSTWithData                           // a reset carrying data
	StreamSuspectedRSTInject                    // the sender of a reset it signed kept talking
	Stream3whsSynFlood                          // a SYN with new settings found the SYN queue full
	NumStreamEvents
)

var streamEventNames = [NumStreamEvents]string{
	StreamPktBrokenAck:       "pkt_broken_ack",
	StreamRSTButNoSession:    "rst_but_no_session",
	StreamFINButNoSession:    "fin_but_no_session",
	StreamRSTInvalidAck:      "rst_invalid_ack",
	StreamRSTWithData:        "rst_with_data",
	StreamSuspectedRSTInject: "suspected_rst_inject",
	Stream3whsSynFlood:       "3whs_syn_flood",
}

func (e StreamEvent) String() string { return streamEventNames[e] }

// StreamEventByName returns the stream event of a Suricata name.
func StreamEventByName(name string) (StreamEvent, bool) {
	for e, n := range streamEventNames {
		if n == name {
			return StreamEvent(e), true
		}
	}
	return 0, false
}

// StreamEvents is a set of stream events.
type StreamEvents uint8

func (s *StreamEvents) Set(e StreamEvent)     { *s |= 1 << e }
func (s StreamEvents) Has(e StreamEvent) bool { return s&(1<<e) != 0 }
