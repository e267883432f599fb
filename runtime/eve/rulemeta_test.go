package eve

import (
	"encoding/json"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
)

// Suricata's metadata object: keys sorted without regard to case and
// joined so, values newest first, empty keys and values left out.
func TestRuleMetadata(t *testing.T) {
	kvs := []ir.KV{{Key: "tag", Value: "tag1"}, {Key: "created_at", Value: "2018-01-30"}, {Key: "Tag", Value: "tag2"}, {Key: "alone", Value: ""}, {Key: "b", Value: "x"}}
	b, err := json.Marshal(NewRuleMetadata(kvs))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"b":["x"],"created_at":["2018-01-30"],"Tag":["tag2","tag1"]}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	if NewRuleMetadata(nil) != nil {
		t.Error("no metadata: want nil")
	}
}

// The alert type's metadata option: off turns the flow, app-layer and
// rule metadata off; each may be set apart; rule: reference: yes adds
// the references.
func TestAlertMetadataOptions(t *testing.T) {
	for opt, want := range map[string][4]bool{
		"":                              {false, false, false, false},
		"\n            metadata: no":    {true, true, true, false},
		"\n            metadata: false": {true, true, true, false},
		"\n            metadata: yes":   {false, false, false, false},
		"\n            metadata:\n              flow: no":                                                         {true, false, false, false},
		"\n            metadata:\n              app-layer: no\n              rule:\n                metadata: no": {false, true, true, false},
		"\n            metadata:\n              rule:\n                reference: yes":                            {false, false, false, true},
	} {
		doc := "outputs:\n  - eve-log:\n      types:\n        - alert:" + opt + "\n"
		if opt == "" {
			doc = "outputs:\n  - eve-log:\n      types:\n        - alert\n"
		}
		types, ok, err := TypesFromYAML([]byte(doc))
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		got := [4]bool{types.On(AlertNoFlow), types.On(AlertNoAppLayer), types.On(AlertNoRuleMetadata), types.On(AlertReferences)}
		if got != want || !types.On("alert") {
			t.Errorf("%q: %v, want %v", opt, got, want)
		}
	}
}
