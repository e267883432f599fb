package kernel

import (
	"fmt"

	"github.com/rulec/rulec/bpf"
)

// Counters are the classifier's per-CPU counters summed over CPUs.
type Counters struct {
	Packets         uint64 // packets seen
	Bytes           uint64 // their bytes
	NonIP           uint64 // not IPv4 or IPv6: passed
	ParseError      uint64 // truncated or malformed: passed
	Fragments       uint64 // IP fragments (no ports, no payload): copied up for reassembly
	Allowed         uint64 // an address on an allow list: passed
	Blocked         uint64 // an address on a block list: dropped
	NoCandidates    uint64 // no slot matched the header bitsets
	Candidates      uint64 // candidate slots visited
	Matched         uint64 // kernel slots matched
	Pass            uint64 // packets whose verdict is pass
	Drop            uint64 // ... drop
	Reject          uint64 // ... reject (dropped; userspace may answer)
	Alert           uint64 // ... alert
	Events          uint64 // ring buffer records written
	EventsTruncated uint64 // alerts past bpf.MaxEvents in one packet
	Copies          uint64 // packets copied to userspace
	RingbufFull     uint64 // records lost to a full ring buffer
	Scans           uint64 // automaton runs
	ScanBytes       uint64 // payload bytes they walked
	ScanTruncated   uint64 // packets with content slots left to userspace
	Errors          uint64 // failures that valid tables never cause
	VLANTooMany     uint64 // more than 3 VLAN tags (vlan.too_many_layers): copied up
	ExtTooMany      uint64 // more IPv6 extension headers than the parser follows: copied up
	DNSQueries      uint64 // DNS queries whose dns.query the classifier decided
	DNSTCP          uint64 // DNS over TCP: copied up
	DNSOtherPort    uint64 // query-shaped UDP off port 53 (maybe a probed DNS flow): copied up
	DNSCompressed   uint64 // a compression pointer in the question: copied up
	DNSQuestions    uint64 // more than one question: copied up
	DNSRecords      uint64 // records other than one EDNS OPT record: copied up
	DNSMalformed    uint64 // messages the userspace decoder refuses: copied up
	TLSFlows        uint64 // TCP flows followed for tls.sni
	TLSHellos       uint64 // ClientHellos whose tls.sni the classifier decided
	TLSSplit        uint64 // a ClientHello record past its first segment: copied up until complete
	TLSRecords      uint64 // a ClientHello over several records: flow copied up
	TLSLate         uint64 // first client payload late, after the server, or not established: flow copied up
	TLSOdd          uint64 // ClientHellos the parser does not follow: copied up
	FlowDropped     uint64 // packets of a flow a drop or reject verdict marked: dropped without alerts
	FlowDrops       uint64 // flows marked by a drop or reject verdict
	Flows           uint64 // flows the flow map took (new and reused tuples)
	FlowReused      uint64 // TCP flows restarted by a SYN on a closed or handshake-less session
	FlowMidstream   uint64 // TCP flows first seen without a SYN: handshake missed, or the entry was evicted
	FlowMapFull     uint64 // flow map updates that failed: packets left without flow state
	Bypassed        uint64 // packets of bypassed flow directions not copied for userspace rules
	BypassedBytes   uint64 // their bytes
}

// fields maps each counter of rulec.h to its field.
func (c *Counters) fields() [bpf.RulecCounterC_MAX]*uint64 {
	return [...]*uint64{
		bpf.RulecCounterC_PACKETS:          &c.Packets,
		bpf.RulecCounterC_BYTES:            &c.Bytes,
		bpf.RulecCounterC_NON_IP:           &c.NonIP,
		bpf.RulecCounterC_PARSE_ERROR:      &c.ParseError,
		bpf.RulecCounterC_FRAGMENTS:        &c.Fragments,
		bpf.RulecCounterC_ALLOWED:          &c.Allowed,
		bpf.RulecCounterC_BLOCKED:          &c.Blocked,
		bpf.RulecCounterC_NO_CANDIDATES:    &c.NoCandidates,
		bpf.RulecCounterC_CANDIDATES:       &c.Candidates,
		bpf.RulecCounterC_MATCHED:          &c.Matched,
		bpf.RulecCounterC_PASS:             &c.Pass,
		bpf.RulecCounterC_DROP:             &c.Drop,
		bpf.RulecCounterC_REJECT:           &c.Reject,
		bpf.RulecCounterC_ALERT:            &c.Alert,
		bpf.RulecCounterC_EVENTS:           &c.Events,
		bpf.RulecCounterC_EVENTS_TRUNCATED: &c.EventsTruncated,
		bpf.RulecCounterC_COPIES:           &c.Copies,
		bpf.RulecCounterC_RINGBUF_FULL:     &c.RingbufFull,
		bpf.RulecCounterC_SCANS:            &c.Scans,
		bpf.RulecCounterC_SCAN_BYTES:       &c.ScanBytes,
		bpf.RulecCounterC_SCAN_TRUNCATED:   &c.ScanTruncated,
		bpf.RulecCounterC_ERRORS:           &c.Errors,
		bpf.RulecCounterC_VLAN_TOO_MANY:    &c.VLANTooMany,
		bpf.RulecCounterC_EXT_TOO_MANY:     &c.ExtTooMany,
		bpf.RulecCounterC_DNS_QUERIES:      &c.DNSQueries,
		bpf.RulecCounterC_DNS_TCP:          &c.DNSTCP,
		bpf.RulecCounterC_DNS_OTHER_PORT:   &c.DNSOtherPort,
		bpf.RulecCounterC_DNS_COMPRESSED:   &c.DNSCompressed,
		bpf.RulecCounterC_DNS_QUESTIONS:    &c.DNSQuestions,
		bpf.RulecCounterC_DNS_RECORDS:      &c.DNSRecords,
		bpf.RulecCounterC_DNS_MALFORMED:    &c.DNSMalformed,
		bpf.RulecCounterC_TLS_FLOWS:        &c.TLSFlows,
		bpf.RulecCounterC_TLS_HELLOS:       &c.TLSHellos,
		bpf.RulecCounterC_TLS_SPLIT:        &c.TLSSplit,
		bpf.RulecCounterC_TLS_RECORDS:      &c.TLSRecords,
		bpf.RulecCounterC_TLS_LATE:         &c.TLSLate,
		bpf.RulecCounterC_TLS_ODD:          &c.TLSOdd,
		bpf.RulecCounterC_FLOW_DROPPED:     &c.FlowDropped,
		bpf.RulecCounterC_FLOW_DROPS:       &c.FlowDrops,
		bpf.RulecCounterC_FLOWS:            &c.Flows,
		bpf.RulecCounterC_FLOW_REUSED:      &c.FlowReused,
		bpf.RulecCounterC_FLOW_MIDSTREAM:   &c.FlowMidstream,
		bpf.RulecCounterC_FLOW_MAP_FULL:    &c.FlowMapFull,
		bpf.RulecCounterC_BYPASSED:         &c.Bypassed,
		bpf.RulecCounterC_BYPASSED_BYTES:   &c.BypassedBytes,
	}
}

// Counters reads and sums the per-CPU counters.
func (c *Classifier) Counters() (Counters, error) {
	var out Counters
	var perCPU []uint64
	for i, f := range out.fields() {
		if err := c.objs.RcCounters.Lookup(uint32(i), &perCPU); err != nil {
			return Counters{}, fmt.Errorf("counter %d: %w", i, err)
		}
		for _, v := range perCPU {
			*f += v
		}
	}
	return out, nil
}
