package eve

import (
	"encoding/json"
	"testing"
	"time"
)

func TestEngineLogInEVE(t *testing.T) {
	for doc, want := range map[string]bool{
		"logging:\n  outputs:\n    - file:\n        enabled: yes\n        filename: eve.json\n        type: json\n":                                                   true,
		"logging:\n  outputs:\n    - file:\n        enabled: yes\n        filename: log.json\n        type: json\noutputs:\n  - eve-log:\n      filename: log.json\n": true,
		"logging:\n  outputs:\n    - file:\n        enabled: yes\n        filename: suricata.log\n        type: json\n":                                               false,
		"logging:\n  outputs:\n    - file:\n        enabled: no\n        filename: eve.json\n        type: json\n":                                                    false,
		"logging:\n  outputs:\n    - file:\n        enabled: yes\n        filename: eve.json\n        type: regular\n":                                                false,
		"outputs:\n  - eve-log:\n      types: [alert]\n":                                                                                                              false,
	} {
		got, err := EngineLogInEVE([]byte(doc))
		if err != nil || got != want {
			t.Errorf("%s: %v, %v; want %v", doc, got, err, want)
		}
	}
	if _, err := EngineLogInEVE([]byte("logging: [")); err == nil {
		t.Error("bad YAML accepted")
	}
}

// An engine record has Suricata's shape: timestamp, log_level,
// event_type, then the engine object.
func TestEngineEvent(t *testing.T) {
	ev := EngineEvent(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "Error", "detect", "Directory traversals not allowed: ../x")
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"timestamp":"2026-01-02T03:04:05.000000+0000","log_level":"Error","event_type":"engine","engine":{"message":"Directory traversals not allowed: ../x","module":"detect"}}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}
