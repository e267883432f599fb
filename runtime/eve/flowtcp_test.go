package eve

import (
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestFlowTCPSection: a TCP flow record's age counts whole seconds as
// Suricata subtracts them, and its tcp section has the stream fields
// Suricata 8 writes: the regions each way, a gap seen, the urgent bytes
// taken out of band.
func TestFlowTCPSection(t *testing.T) {
	start := time.Date(2011, 1, 25, 18, 52, 23, 853665000, time.UTC)
	f := &inspect.Flow{Proto: 6, Start: start, Last: start.Add(9410 * time.Millisecond)}
	f.End = inspect.End{Reason: "shutdown", State: "established", TCPState: "close_wait"}
	f.End.Gap[inspect.ToClient] = true
	f.End.UrgentOOB[inspect.ToServer] = 2
	ev := FlowEvent(f)
	if age := ev.Sections["flow"]["age"]; age != int64(10) {
		t.Errorf("age %v, want 10 (23 s to 33 s)", age)
	}
	tcp := ev.Sections["tcp"]
	for k, want := range map[string]any{"state": "close_wait", "ts_max_regions": 1, "tc_max_regions": 1, "tc_gap": true, "ts_urgent_oob_data": 2} {
		if tcp[k] != want {
			t.Errorf("tcp.%s = %v, want %v", k, tcp[k], want)
		}
	}
	for _, k := range []string{"ts_gap", "tc_urgent_oob_data"} {
		if _, ok := tcp[k]; ok {
			t.Errorf("tcp.%s set", k)
		}
	}
}
