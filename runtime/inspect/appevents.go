package inspect

// AppEvent is one of the events Suricata's app layer raises on a packet
// (not a transaction) while it detects or changes a flow's protocol:
// app-layer-event names without a protocol.
type AppEvent uint8

// App-layer packet events.
const (
	AppMismatchBothDirections AppEvent = iota // the two directions detected different protocols
	AppNoTLSAfterStartTLS                     // STARTTLS was accepted and another protocol followed
	AppUnexpectedProtocol                     // a protocol change found another protocol than expected
	NumAppEvents
)

var appEventNames = [NumAppEvents]string{
	AppMismatchBothDirections: "applayer_mismatch_protocol_both_directions",
	AppNoTLSAfterStartTLS:     "applayer_no_tls_after_starttls",
	AppUnexpectedProtocol:     "applayer_unexpected_protocol",
}

func (e AppEvent) String() string { return appEventNames[e] }

// AppEventByName returns the app-layer packet event of a Suricata name.
func AppEventByName(name string) (AppEvent, bool) {
	for e, n := range appEventNames {
		if n == name {
			return AppEvent(e), true
		}
	}
	return 0, false
}

// AppEvents is a set of app-layer packet events.
type AppEvents uint8

func (s *AppEvents) Set(e AppEvent)     { *s |= 1 << e }
func (s AppEvents) Has(e AppEvent) bool { return s&(1<<e) != 0 }
