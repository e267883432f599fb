// Package eve writes events as Suricata-compatible EVE JSON lines: one
// object per line with timestamp, flow_id, the 5-tuple, event_type and the
// event's own section ("alert", "http", ...). rulec adds alert.severity_name
// (critical, high, medium, low) beside Suricata's numeric severity.
package eve
