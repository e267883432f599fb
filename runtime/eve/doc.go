// Package eve writes events as Suricata-compatible EVE JSON lines: one
// object per line with timestamp, flow_id, the 5-tuple, event_type and the
// event's own section ("alert", "http", ...). Objects Suricata defines hold
// only the keys Suricata 8 writes in them; what rulec adds (an alert's tier
// and severity name: critical, high, medium, low) is in one object of its
// own, "rulec", the record's last key.
package eve
