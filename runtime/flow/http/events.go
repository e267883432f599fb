package http

// Events are raised on a transaction by the parser, with Suricata's
// app-layer event names.
const (
	EventRequestFieldTooLong    = "http.request_field_too_long"
	EventResponseFieldTooLong   = "http.response_field_too_long"
	EventRequestTooManyHeaders  = "http.request_too_many_headers"
	EventResponseTooManyHeaders = "http.response_too_many_headers"
)

// event records an event for the message being read, once.
func (s *side) event(request, response string) {
	name := request
	if s.resp {
		name = response
	}
	for _, e := range s.events {
		if e == name {
			return
		}
	}
	s.events = append(s.events, name)
}
