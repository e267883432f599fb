package bpf

import (
	"testing"

	"github.com/rulec/rulec/internal/cheader"
)

func TestLimitsMatchHeader(t *testing.T) {
	want := map[string]uint64{
		"MAX_SUMMARY":      MaxSummary,
		"MAX_WORDS":        MaxWords,
		"MAX_SCAN":         MaxScan,
		"MAX_PATTERN":      MaxPattern,
		"MAX_EVENTS":       MaxEvents,
		"MAX_FOUND":        MaxFound,
		"SNAP_LEN":         SnapLen,
		"ACCEPT_BIT":       AcceptBit,
		"ITEM_NEGATED":     ItemNeg,
		"NO_RULE":          NoRule,
		"FLOW_DROPS":       FlowDrops,
		"FLOW_MAX":         FlowMax,
		"TLS_FLOWS":        TLSFlows,
		"MAX_EXTS":         MaxExts,
		"MAX_TUNNEL_PORTS": MaxTunnelPorts,
	}
	cheader.Check(t, "rulec.h", want)
}
