package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestRecordTypes(t *testing.T) {
	dir := t.TempDir()
	yaml := filepath.Join(dir, "suricata.yaml")
	os.WriteFile(yaml, []byte("outputs:\n  - eve-log:\n      types:\n        - alert\n        - drop:\n            alerts: yes\n            flows: all\n        - http:\n            enabled: no\n"), 0o644)
	got, err := recordTypes("", yaml)
	if err != nil || !got.On("alert") || !got.On("drop") || !got.On("drop.alerts") || !got.On("drop.flows.all") || got.On("http") || got.On("flow") {
		t.Errorf("from yaml: %v %v", got, err)
	}
	got, err = recordTypes("suricata,drop", yaml)
	if err != nil || !got.On("flow") || !got.On("dns") || !got.On("drop") || got.On("drop.alerts") {
		t.Errorf("from the list: %v %v", got, err)
	}
	if got, err := recordTypes("", ""); err != nil || len(got) != 1 || !got.On("alert") {
		t.Errorf("default: %v %v", got, err)
	}
	if _, err := recordTypes("alert,smb", ""); !errors.Is(err, errUnknownType) {
		t.Errorf("unknown type: %v", err)
	}
}
