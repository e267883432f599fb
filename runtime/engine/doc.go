// Package engine is rulec's runtime core: every frame goes through the
// kernel tier (the real classifier or the reference evaluator), whose
// alerts become EVE events and whose copies go up to the userspace tier —
// flow tracking, reassembly and app-layer parsing (a Tracker), candidate
// rules from the same header tables, buffer matching (a Matcher), then the
// flow-level conditions (flow keywords, flowbits, xbits, packet checks)
// and thresholds, in Suricata's order. SecLang rules run on HTTP
// transactions through runtime/wafbridge; events are shaped by
// runtime/eve.
//
// The same engine serves offline (pcap) and live runs: Frame is the
// kernel step followed by Decide, the events step; a live run calls
// Decide with each ring buffer record of the attached classifier (alerts
// with their tuple, copies with the frame). Adopt hands the flow table to
// the engine of a reloaded rule set.
//
// Files by concern: engine.go (wiring, frames, reload), kernel.go (kernel
// tier alerts), unit.go (userspace rules on one unit), rules.go (rule
// preparation and inspection order), conditions.go, flowbits.go, xbits.go,
// thresholds.go, waf.go, alerts.go (EVE output), stats.go.
package engine
