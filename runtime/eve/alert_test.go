package eve

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
)

// The alert object holds Suricata 8's keys only; the tier and severity
// name are in the record's rulec object.
func TestSetAlertKeepsRulecFieldsOut(t *testing.T) {
	r := &ir.Rule{Action: ir.ActAlert, Meta: ir.Meta{GID: 1, SID: 7, Rev: 3, Msg: "m", Category: "c", Priority: 2}}
	ev := &Event{EventType: "alert"}
	ev.SetAlert(r, Allowed, "m", "kernel", DefaultSeverity)
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]map[string]any
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatal(err)
	}
	delete(top, "timestamp")
	delete(top, "event_type")
	raw, _ := json.Marshal(top)
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(rec["alert"]))
	want := []string{"action", "category", "gid", "rev", "severity", "signature", "signature_id"}
	if !slices.Equal(keys, want) {
		t.Errorf("alert keys %v, want %v", keys, want)
	}
	if rec["rulec"]["tier"] != "kernel" || rec["rulec"]["severity_name"] != "high" {
		t.Errorf("rulec object %v", rec["rulec"])
	}
}
