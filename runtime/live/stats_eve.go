package live

import (
	"maps"
	"strings"
	"time"

	"github.com/rulec/rulec/runtime/eve"
)

// EVE is the snapshot as an EVE stats record in Suricata's shape
// ({"event_type":"stats","stats":{...}}): Suricata's counter names where
// one means the same (capture.kernel_drops is what the classifier could
// not hand to userspace: ring-buffer records lost), the rest under
// "rulec".
func (s *Snapshot) EVE() *eve.Event {
	k := &s.Kernel
	limits := map[string]uint64{}
	maps.Copy(limits, s.Engine.Limits)
	stats := map[string]any{
		"uptime": int64(s.Time.Sub(s.Started) / time.Second),
		"capture": map[string]any{
			"kernel_packets": k.Packets,
			"kernel_drops":   k.RingbufFull,
			"errors":         s.ReadErrors + s.DecodeErrors,
		},
		"decoder": map[string]any{
			"pkts":      k.Packets,
			"bytes":     k.Bytes,
			"invalid":   k.ParseError,
			"non_ip":    k.NonIP,
			"fragments": k.Fragments,
			"event":     nest(s.Engine.DecodeEvents),
		},
		"defrag": map[string]any{
			"ipv4":          map[string]any{"fragments": s.Engine.Fragments[0], "reassembled": s.Engine.Reassembled[0]},
			"ipv6":          map[string]any{"fragments": s.Engine.Fragments[1], "reassembled": s.Engine.Reassembled[1]},
			"max_frag_hits": s.Engine.Limits["defrag_max_frags"],
		},
		"detect": map[string]any{
			"alert":                s.Engine.Alerts,
			"alert_queue_overflow": k.EventsTruncated,
		},
		"rulec": map[string]any{
			"classifier": map[string]any{
				"pass": k.Pass, "drop": k.Drop, "reject": k.Reject, "alert": k.Alert,
				"allowed": k.Allowed, "blocked": k.Blocked, "copies": k.Copies, "events": k.Events,
				"scans": k.Scans, "scan_bytes": k.ScanBytes, "scan_truncated": k.ScanTruncated, "errors": k.Errors,
				"vlan_too_many": k.VLANTooMany, "ext_too_many": k.ExtTooMany,
				"flows": map[string]any{"new": k.Flows, "reused": k.FlowReused, "midstream": k.FlowMidstream, "map_full": k.FlowMapFull},
				"bypassed": map[string]any{"packets": k.Bypassed, "bytes": k.BypassedBytes, "directions": s.Engine.BypassedDirs,
					"refused": s.Engine.BypassErrors, "copied_uninspected_bytes": s.Engine.UninspectedBytes,
					"by_reason": s.Engine.BypassedBy, "copied_uninspected_by_reason": s.Engine.UninspectedBy},
				"candidates": map[string]any{"visited": k.Candidates, "none": k.NoCandidates},
				"dns": map[string]any{"decided": k.DNSQueries, "tcp": k.DNSTCP, "other_port": k.DNSOtherPort, "compressed": k.DNSCompressed,
					"questions": k.DNSQuestions, "records": k.DNSRecords, "malformed": k.DNSMalformed},
				"tls": map[string]any{"flows": k.TLSFlows, "decided": k.TLSHellos, "split": k.TLSSplit, "records": k.TLSRecords,
					"late": k.TLSLate, "odd": k.TLSOdd},
			},
			"ring":       map[string]any{"lost": k.RingbufFull, "pending_bytes": s.RingPending, "size": s.RingSize},
			"queue":      map[string]any{"depth": s.QueueDepth, "max": s.QueueMax, "capacity": s.QueueCap},
			"blocks":     map[string]any{"added": s.Blocks.Blocks, "expired": s.Blocks.Unblocks, "active": s.Blocks.Active, "errors": s.Blocks.Errors},
			"alerts":     map[string]any{"by_tier": s.Engine.AlertsByTier, "by_severity": s.Engine.BySeverity},
			"limits":     limits,
			"generation": s.Generation, "reloads": s.Reloads, "stale_events": s.StaleEvents,
			"decode_errors": s.DecodeErrors, "read_errors": s.ReadErrors, "log_records_lost": s.LogDrops,
		},
	}
	return &eve.Event{Timestamp: s.Time.UTC(), InIface: s.Iface, EventType: "stats",
		Sections: map[string]map[string]any{"stats": stats}}
}

// nest turns dotted counter names ("ipv4.frag_overlap") into nested
// objects, as Suricata writes decoder.event.ipv4.frag_overlap.
func nest(counts map[string]uint64) map[string]any {
	out := map[string]any{}
	for name, n := range counts {
		m := out
		parts := strings.Split(name, ".")
		for _, p := range parts[:len(parts)-1] {
			sub, ok := m[p].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[p] = sub
			}
			m = sub
		}
		m[parts[len(parts)-1]] = n
	}
	return out
}
