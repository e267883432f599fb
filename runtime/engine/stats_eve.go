package engine

import (
	"strings"

	"github.com/rulec/rulec/runtime/eve"
)

// Suricata's names of the counters EVE writes with every state and drop
// reason, zero or not.
var (
	flowEndStates    = []string{"new", "established", "closed", "local_bypassed", "capture_bypassed"}
	flowEndTCPStates = []string{"none", "syn_sent", "syn_recv", "established", "fin_wait1", "fin_wait2",
		"time_wait", "last_ack", "close_wait", "closing", "closed"}
	ipsDropReasons = []string{"decode_error", "defrag_error", "defrag_memcap", "flow_memcap", "flow_drop",
		"exception_policy_flow_drop", "stream_error", "stream_memcap", "stream_midstream", "stream_urgent",
		"stream_reassembly", "applayer_error", "applayer_memcap", "rules", "threshold_detection_filter",
		"nfq_error", "tunnel_packet_drop"}
)

// EVE is the stats record Suricata writes with its totals when an
// offline run ends, in its shape and counter names: decoder.pkts and
// bytes, detect.alert, flow.end.state and flow.end.tcp_state, and in
// IPS mode ips.accepted, blocked and drop_reason (an EVE drop reason
// with its spaces as underscores).
func (s *Stats) EVE(ips bool) *eve.Event {
	counts := func(names []string, m map[string]uint64, key func(string) string) map[string]any {
		out := map[string]any{}
		for _, n := range names {
			out[n] = uint64(0)
		}
		for k, v := range m {
			out[key(k)] = v
		}
		return out
	}
	same := func(k string) string { return k }
	st := map[string]any{
		"decoder": map[string]any{"pkts": s.Packets, "bytes": s.Bytes},
		"detect":  map[string]any{"alert": s.Alerts},
		"flow": map[string]any{"end": map[string]any{
			"state":     counts(flowEndStates, s.FlowEndStates, same),
			"tcp_state": counts(flowEndTCPStates, s.FlowEndTCPStates, same),
		}},
	}
	if ips {
		st["ips"] = map[string]any{"accepted": s.IPSAccepted, "blocked": s.IPSBlocked, "rejected": uint64(0), "replaced": uint64(0),
			"drop_reason": counts(ipsDropReasons, s.DropReasons, func(k string) string { return strings.ReplaceAll(k, " ", "_") })}
	}
	return &eve.Event{Timestamp: s.Last.UTC(), EventType: "stats", Sections: map[string]map[string]any{"stats": st}}
}
