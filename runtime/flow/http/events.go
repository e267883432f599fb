package http

import "github.com/rulec/rulec/runtime/flow/pending"

// Events are raised on a transaction by the parser, with Suricata's
// app-layer event names.
const (
	EventRequestFieldTooLong    = "http.request_field_too_long"
	EventResponseFieldTooLong   = "http.response_field_too_long"
	EventRequestTooManyHeaders  = "http.request_too_many_headers"
	EventResponseTooManyHeaders = "http.response_too_many_headers"
	EventRequestDupCL           = "http.duplicate_content_length_field_in_request"
	EventResponseDupCL          = "http.duplicate_content_length_field_in_response"
	EventAuthUnrecognized       = "http.request_auth_unrecognized"
	EventRequestChunkExtension  = "http.request_chunk_extension"
	EventResponseChunkExtension = "http.response_chunk_extension"
	EventRequestBodyUnexpected  = "http.request_body_unexpected"
	EventTooManyEncodingLayers  = "http.too_many_encoding_layers"
	EventDoubleEncodedURI       = "http.double_encoded_uri"
	EventFailedProtocolChange   = "http.failed_protocol_change"
)

// Events lists every event the parser raises.
var Events = []string{EventRequestFieldTooLong, EventResponseFieldTooLong, EventRequestTooManyHeaders, EventResponseTooManyHeaders,
	EventRequestDupCL, EventResponseDupCL, EventAuthUnrecognized, EventRequestChunkExtension, EventResponseChunkExtension,
	EventRequestBodyUnexpected, EventTooManyEncodingLayers, EventDoubleEncodedURI, EventFailedProtocolChange}

// event records an event for the message being read, once.
func (s *side) event(request, response string) {
	name := pick(s.resp, request, response)
	for _, e := range s.events {
		if e == name {
			return
		}
	}
	s.events = append(s.events, name)
}

// raise records an event on the transaction, once.
func (tx *Tx) raise(name string) {
	tx.Events = pending.Event(tx.Events, name)
}

// authRecognized reports whether an Authorization value names a scheme
// libhtp parses (Basic, Digest, Bearer; matched as a prefix, any case).
func authRecognized(v []byte) bool {
	for _, scheme := range []string{"basic", "digest", "bearer"} {
		if hasPrefixFold(v, scheme) {
			return true
		}
	}
	return false
}

// pick is the request's or the response's name of an event.
func pick(resp bool, request, response string) string {
	if resp {
		return response
	}
	return request
}
