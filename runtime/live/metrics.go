package live

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"strconv"
)

// WriteMetrics writes s in the Prometheus text exposition format.
func WriteMetrics(w io.Writer, s *Snapshot) error {
	m := &metricWriter{w: w}
	k := &s.Kernel
	m.counter("rulec_packets_total", "Packets the classifier saw.", k.Packets)
	m.counter("rulec_bytes_total", "Bytes of those packets.", k.Bytes)
	m.header("rulec_verdicts_total", "counter", "Packets by classifier outcome.")
	for _, v := range []struct {
		name string
		n    uint64
	}{{"pass", k.Pass}, {"drop", k.Drop}, {"reject", k.Reject}, {"alert", k.Alert},
		{"allowed", k.Allowed}, {"blocked", k.Blocked}, {"no_candidates", k.NoCandidates},
		{"non_ip", k.NonIP}, {"parse_error", k.ParseError}, {"fragment", k.Fragments},
		{"vlan_too_many", k.VLANTooMany}, {"ext_too_many", k.ExtTooMany}, {"flow_dropped", k.FlowDropped}} {
		m.sample("rulec_verdicts_total", `verdict="`+v.name+`"`, v.n)
	}
	m.counter("rulec_candidate_slots_total", "Rule slots the classifier visited after the header bitsets selected them.", k.Candidates)
	m.counter("rulec_copies_total", "Packets copied to the userspace tier.", k.Copies)
	m.header("rulec_copies_by_reason_total", "counter", "Copied packets the userspace tier took, by copy reason (a packet may have several).")
	for _, name := range slices.Sorted(maps.Keys(s.Engine.CopiedPackets)) {
		m.sample("rulec_copies_by_reason_total", `reason="`+name+`"`, s.Engine.CopiedPackets[name])
	}
	m.header("rulec_copied_bytes_by_reason_total", "counter", "Bytes of those packets, by copy reason.")
	for _, name := range slices.Sorted(maps.Keys(s.Engine.CopiedBytes)) {
		m.sample("rulec_copied_bytes_by_reason_total", `reason="`+name+`"`, s.Engine.CopiedBytes[name])
	}
	m.header("rulec_dns_total", "counter", "DNS queries the classifier decided, and those it copied up undecided by reason.")
	for _, v := range []struct {
		name string
		n    uint64
	}{{"decided", k.DNSQueries}, {"tcp", k.DNSTCP}, {"other_port", k.DNSOtherPort}, {"compressed", k.DNSCompressed},
		{"questions", k.DNSQuestions}, {"records", k.DNSRecords}, {"malformed", k.DNSMalformed}} {
		m.sample("rulec_dns_total", `outcome="`+v.name+`"`, v.n)
	}
	m.header("rulec_kernel_flows_total", "counter", "The classifier's flow map: flows taken, TCP flows restarted by a SYN, TCP flows first seen without one (handshake missed or entry evicted), updates the full map refused.")
	for _, v := range []struct {
		name string
		n    uint64
	}{{"new", k.Flows}, {"reused", k.FlowReused}, {"midstream", k.FlowMidstream}, {"map_full", k.FlowMapFull}} {
		m.sample("rulec_kernel_flows_total", `outcome="`+v.name+`"`, v.n)
	}
	m.header("rulec_tls_total", "counter", "TCP flows the classifier followed for tls.sni, ClientHellos it decided, and those it copied up undecided by reason.")
	for _, v := range []struct {
		name string
		n    uint64
	}{{"flows", k.TLSFlows}, {"decided", k.TLSHellos}, {"split", k.TLSSplit}, {"records", k.TLSRecords},
		{"late", k.TLSLate}, {"odd", k.TLSOdd}} {
		m.sample("rulec_tls_total", `outcome="`+v.name+`"`, v.n)
	}
	m.counter("rulec_kernel_bypassed_packets_total", "Packets of flow directions userspace bypassed, not copied for userspace rules.", k.Bypassed)
	m.counter("rulec_kernel_bypassed_bytes_total", "Their bytes.", k.BypassedBytes)
	m.counter("rulec_bypassed_directions_total", "Flow directions bypassed: past the stream depth or in TLS application data with no userspace packet rule left, or a bypassed flow.", s.Engine.BypassedDirs)
	m.header("rulec_bypassed_directions_by_reason_total", "counter", "Flow directions bypassed, by reason.")
	for _, why := range slices.Sorted(maps.Keys(s.Engine.BypassedBy)) {
		m.sample("rulec_bypassed_directions_by_reason_total", `reason="`+why+`"`, s.Engine.BypassedBy[why])
	}
	m.counter("rulec_copied_uninspected_bytes_total", "Bytes copied that no userspace rule could inspect.", s.Engine.UninspectedBytes)
	m.header("rulec_copied_uninspected_bytes_by_reason_total", "counter", "Bytes copied that no userspace rule could inspect, by reason.")
	for _, why := range slices.Sorted(maps.Keys(s.Engine.UninspectedBy)) {
		m.sample("rulec_copied_uninspected_bytes_by_reason_total", `reason="`+why+`"`, s.Engine.UninspectedBy[why])
	}
	m.header("rulec_decode_events_total", "counter", "Decoder and defragmentation events of copied packets, by Suricata name.")
	for _, name := range slices.Sorted(maps.Keys(s.Engine.DecodeEvents)) {
		m.sample("rulec_decode_events_total", `event="`+name+`"`, s.Engine.DecodeEvents[name])
	}
	m.counter("rulec_ringbuf_lost_total", "Ring buffer records lost because it was full.", k.RingbufFull)
	m.counter("rulec_events_total", "Ring buffer records written.", k.Events)
	m.counter("rulec_events_truncated_total", "Alerts past the per-packet event limit.", k.EventsTruncated)
	m.counter("rulec_classifier_errors_total", "Classifier failures valid tables never cause.", k.Errors)
	m.gauge("rulec_queue_depth", "Events waiting for the userspace engine.", s.QueueDepth)
	m.gauge("rulec_queue_depth_max", "The most events ever waiting.", s.QueueMax)
	m.gauge("rulec_queue_capacity", "Capacity of the event queue.", s.QueueCap)
	m.gauge("rulec_ringbuf_pending_bytes", "Ring buffer bytes not yet read.", s.RingPending)
	m.header("rulec_alerts_total", "counter", "Alerts by severity.")
	for _, sev := range []string{"critical", "high", "medium", "low"} {
		m.sample("rulec_alerts_total", `severity="`+sev+`"`, s.Engine.BySeverity[sev])
	}
	m.header("rulec_rule_hits_total", "counter", "Alerts by rule.")
	sids := slices.SortedFunc(maps.Keys(s.Engine.BySID), cmp.Compare)
	for _, sid := range sids {
		m.sample("rulec_rule_hits_total", `sid="`+strconv.FormatUint(sid, 10)+`"`, s.Engine.BySID[sid])
	}
	m.header("rulec_limits_total", "counter", "What a bound cut short: flows evicted, memcaps, regex budgets, a full threshold table.")
	for _, name := range slices.Sorted(maps.Keys(s.Engine.Limits)) {
		m.sample("rulec_limits_total", `limit="`+name+`"`, s.Engine.Limits[name])
	}
	m.counter("rulec_userspace_units_total", "Inspection units evaluated by the userspace tier.", s.Engine.Units)
	m.counter("rulec_dynamic_blocks_total", "Dynamic blocks added.", s.Blocks.Blocks)
	m.counter("rulec_dynamic_unblocks_total", "Dynamic blocks expired.", s.Blocks.Unblocks)
	m.gauge("rulec_dynamic_blocks_active", "Dynamic blocks in force.", s.Blocks.Active)
	m.counter("rulec_reloads_total", "Rule set reloads.", s.Reloads)
	m.gauge("rulec_generation", "Generation of the rule set in force.", int(s.Generation))
	m.counter("rulec_stale_events_total", "Events of rule sets replaced two reloads ago.", s.StaleEvents)
	m.counter("rulec_event_read_errors_total", "Ring buffer reads that failed.", s.ReadErrors)
	m.counter("rulec_event_decode_errors_total", "Ring buffer records that did not decode.", s.DecodeErrors)
	m.counter("rulec_log_records_lost_total", "Classifier log records not taken in time.", s.LogDrops)
	return m.err
}

type metricWriter struct {
	w   io.Writer
	err error
}

func (m *metricWriter) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *metricWriter) header(name, kind, help string) {
	m.printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
}

func (m *metricWriter) sample(name, labels string, v uint64) {
	m.printf("%s{%s} %d\n", name, labels, v)
}

func (m *metricWriter) counter(name, help string, v uint64) {
	m.header(name, "counter", help)
	m.printf("%s %d\n", name, v)
}

func (m *metricWriter) gauge(name, help string, v int) {
	m.header(name, "gauge", help)
	m.printf("%s %d\n", name, v)
}

// MetricsHandler serves r's metrics.
func MetricsHandler(r *Runner) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s, err := r.Snapshot()
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		WriteMetrics(w, &s)
	})
}

// ListenMetrics listens on addr for the metrics endpoint; an address that
// is not loopback is refused unless allowRemote.
func ListenMetrics(addr string, allowRemote bool) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("metrics address %q: %w", addr, err)
	}
	ip := net.ParseIP(host)
	if !allowRemote && host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("metrics address %q is not loopback; allow it explicitly to serve metrics beyond this host", addr)
	}
	return net.Listen("tcp", addr)
}
