// Package engine is rulec's runtime core: every frame goes through the
// kernel tier (the real classifier or the reference evaluator), whose
// alerts become EVE events and whose copies go up to the userspace tier —
// flow tracking, reassembly and app-layer parsing, candidate rules from the
// same header tables, buffer matching, then the flow-level conditions
// (flow keywords, flowbits, packet checks) and thresholds, in Suricata's
// order. The same engine serves offline (pcap) and live runs: Frame is
// the kernel step followed by Decide, the events step; a live run calls
// Decide with each ring buffer record of the attached classifier (alerts
// with their tuple, copies with the frame). Adopt hands the flow table to
// the engine of a reloaded rule set.
package engine
