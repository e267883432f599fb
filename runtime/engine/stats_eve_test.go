package engine

import (
	"encoding/json"
	"testing"
)

// TestStatsEVE: the end-of-run stats record carries Suricata's counter
// names: every flow end state and TCP state (zero or not), and in IPS
// mode the ips counters with drop reasons named with underscores.
func TestStatsEVE(t *testing.T) {
	var s Stats
	s.init()
	s.Packets, s.IPSAccepted, s.IPSBlocked = 10, 3, 7
	s.DropReasons["stream error"] = 6
	s.DropReasons["exception policy flow drop"] = 1
	s.FlowEndStates["new"] = 1
	s.FlowEndTCPStates["syn_recv"] = 1
	b, err := json.Marshal(s.EVE(true).Sections["stats"])
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Decoder struct{ Pkts uint64 }
		Flow    struct {
			End struct {
				State    map[string]uint64
				TCPState map[string]uint64 `json:"tcp_state"`
			}
		}
		IPS *struct {
			Accepted, Blocked uint64
			DropReason        map[string]uint64 `json:"drop_reason"`
		}
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Decoder.Pkts != 10 || got.Flow.End.State["new"] != 1 || got.Flow.End.TCPState["syn_recv"] != 1 {
		t.Errorf("stats %s", b)
	}
	if _, ok := got.Flow.End.State["established"]; !ok {
		t.Errorf("zero flow end state not written: %s", b)
	}
	if ips := got.IPS; ips == nil || ips.Accepted != 3 || ips.Blocked != 7 || ips.DropReason["stream_error"] != 6 ||
		ips.DropReason["exception_policy_flow_drop"] != 1 || len(ips.DropReason) != len(ipsDropReasons) {
		t.Errorf("ips counters %s", b)
	}
	if _, ok := s.EVE(false).Sections["stats"]["ips"]; ok {
		t.Errorf("IDS run's stats carry ips counters")
	}
}
