package engine

import "testing"

// TestStatsAdd: summing engines (workers, reloads) adds every counter
// table, creating the tables of an empty sum.
func TestStatsAdd(t *testing.T) {
	var a, sum Stats
	a.init()
	a.Alerts = 3
	a.BySID[7] = 2
	a.DropReasons["stream error"] = 4
	a.FlowEndTCPStates["closed"] = 1
	a.Limits = map[string]uint64{"flow_evicted": 5}
	sum.Add(&a)
	sum.Add(&a)
	if sum.Alerts != 6 || sum.BySID[7] != 4 || sum.DropReasons["stream error"] != 8 ||
		sum.FlowEndTCPStates["closed"] != 2 || sum.Limits["flow_evicted"] != 10 {
		t.Errorf("sum = alerts %d, sid 7 %d, stream error %d, closed %d, evicted %d; want 6 4 8 2 10",
			sum.Alerts, sum.BySID[7], sum.DropReasons["stream error"], sum.FlowEndTCPStates["closed"], sum.Limits["flow_evicted"])
	}
}
