package eve

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// A record of a flow with variables shows them as Suricata's eve-log
// metadata: flowbits and flowints under "metadata", traffic/id/ and
// traffic/label/ flowbits as "traffic" ids and labels; rulec's own
// markers are not shown, and a flow without variables has neither.
func TestFlowVars(t *testing.T) {
	f := &inspect.Flow{
		Bits: map[string]bool{"b2": true, "b1": true, "traffic/id/mozilla": true, "traffic/label/web": true, "\x00passed": true},
		Ints: map[string]uint32{"count": 3},
	}
	b, err := (&Event{EventType: "flow", VarsOf: f}).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `"traffic":{"id":["mozilla"],"label":["web"]},"metadata":{"flowbits":["b1","b2"],"flowints":{"count":3}}`
	if !strings.Contains(string(b), want) {
		t.Errorf("%s\nwant %s", b, want)
	}
	for _, quiet := range []*inspect.Flow{{}, {Bits: map[string]bool{"\x00passed": true}}} {
		b, err := (&Event{EventType: "flow", VarsOf: quiet}).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "metadata") || strings.Contains(string(b), "traffic") {
			t.Errorf("no variables: %s", b)
		}
	}
}

// An alert on an HTTP transaction names it (tx_id, from 0); an alert on
// a packet does not.
func TestAlertTxID(t *testing.T) {
	f := &inspect.Flow{App: "http"}
	ev := UnitEvent(&inspect.Unit{Kind: inspect.KindApp, Flow: f, Tx: 3})
	if ev.TxID == nil || *ev.TxID != 2 {
		t.Errorf("app unit: tx_id %v", ev.TxID)
	}
	if ev := UnitEvent(&inspect.Unit{Kind: inspect.KindPacket, Flow: f}); ev.TxID != nil {
		t.Errorf("packet unit: tx_id %d", *ev.TxID)
	}
}
