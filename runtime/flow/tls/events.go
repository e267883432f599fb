package tls

import "math/bits"

// Event is one of the decoder events Suricata 8's TLS parser raises on
// a flow's transaction.
type Event uint8

// The events, in Suricata's order.
const (
	EventInvalidSSLv2Header Event = iota
	EventInvalidTLSHeader
	EventInvalidRecordVersion
	EventInvalidRecordType
	EventInvalidRecordLength
	EventInvalidHandshakeMessage
	EventHeartbeat
	EventInvalidHeartbeat
	EventOverflowHeartbeat
	EventDataleakHeartbeatMismatch
	EventHandshakeInvalidLength
	EventMultipleSNIExtensions
	EventInvalidSNIType
	EventInvalidSNILength
	EventTooManyRecordsInPacket
	EventInvalidAlert
	EventInvalidCertificate
	EventCertInvalidLength
	EventCertInvalidVersion
	EventCertInvalidSerial
	EventCertInvalidAlgorithm
	EventCertInvalidX509Name
	EventCertInvalidDate
	EventCertInvalidExtensions
	EventCertInvalidDER
	EventCertInvalidSubject
	EventCertInvalidIssuer
	EventCertInvalidValidity
	EventErrorMessage
	EventInvalidSSLRecord
	numEvents
)

var eventNames = [numEvents]string{
	"tls.invalid_sslv2_header", "tls.invalid_tls_header", "tls.invalid_record_version",
	"tls.invalid_record_type", "tls.invalid_record_length", "tls.invalid_handshake_message",
	"tls.heartbeat_message", "tls.invalid_heartbeat_message", "tls.overflow_heartbeat_message",
	"tls.dataleak_heartbeat_mismatch", "tls.handshake_invalid_length", "tls.multiple_sni_extensions",
	"tls.invalid_sni_type", "tls.invalid_sni_length", "tls.too_many_records_in_packet",
	"tls.invalid_alert_message", "tls.invalid_certificate", "tls.certificate_invalid_length",
	"tls.certificate_invalid_version", "tls.certificate_invalid_serial",
	"tls.certificate_invalid_algorithmidentifier", "tls.certificate_invalid_x509name",
	"tls.certificate_invalid_date", "tls.certificate_invalid_extensions", "tls.certificate_invalid_der",
	"tls.certificate_invalid_subject", "tls.certificate_invalid_issuer", "tls.certificate_invalid_validity",
	"tls.error_message_encountered", "tls.invalid_ssl_record",
}

// Events are the names of the events: all of Suricata 8's.
// heartbeat_message, invalid_tls_header and certificate_invalid_subject,
// _issuer and _validity are never raised, as by Suricata 8, and
// too_many_records_in_packet guards a parser loop no record sequence
// makes run long.
var Events = eventNames[:]

func (e Event) String() string { return eventNames[e] }

// EventSet is a set of events.
type EventSet uint32

// Add adds an event.
func (s *EventSet) Add(e Event) { *s |= 1 << e }

// Has reports whether e is in the set.
func (s EventSet) Has(e Event) bool { return s&(1<<e) != 0 }

// Names are the set's event names, in Suricata's order.
func (s EventSet) Names() []string {
	out := make([]string, 0, bits.OnesCount32(uint32(s)))
	for e := range numEvents {
		if s.Has(e) {
			out = append(out, eventNames[e])
		}
	}
	return out
}
