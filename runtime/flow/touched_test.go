package flow

import (
	"testing"
	"time"
)

// TestTimeoutDoesNotDependOnOtherFlows: a packet older than the tracker's
// clock (a capture whose time goes back) times its flow from the clock,
// so whether the flow times out does not depend on the flows that share
// its tracker, as it must not when workers share out a capture's flows
// (every worker's clock moves with every packet).
func TestTimeoutDoesNotDependOnOtherFlows(t *testing.T) {
	late := t0.Add(5 * time.Hour)
	other := udp("10.0.0.3", "10.0.0.4", 5000, 53, []byte("other"))
	mine := udp("10.0.0.1", "10.0.0.2", 5000, 53, []byte("mine"))
	timedOut := func(shared bool) uint64 {
		tr, _ := newTracker(DefaultConfig())
		if shared {
			if _, err := tr.Frame(late, other); err != nil {
				t.Fatal(err)
			}
		} else {
			tr.Advance(late) // another tracker's packet
		}
		if _, err := tr.Frame(t0, mine); err != nil { // back in time
			t.Fatal(err)
		}
		tr.Advance(late.Add(10 * time.Second))
		return tr.Stats().TimedOut
	}
	alone, shared := timedOut(false), timedOut(true)
	if alone != 0 || shared != 0 {
		t.Errorf("flows timed out 10s after their packet: %d with the flow alone in its tracker, %d beside another flow; want none", alone, shared)
	}
}
