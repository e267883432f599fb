package verify

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDNSVersion(t *testing.T) {
	if v, err := (&Test{}).DNSVersion(); v != 0 || err != nil {
		t.Errorf("default: %d, %v", v, err)
	}
	if v, err := (&Test{Env: map[string]string{"SURICATA_EVE_DNS_VERSION": "2"}}).DNSVersion(); v != 2 || err != nil {
		t.Errorf("environment: %d, %v", v, err)
	}
	dir := t.TempDir()
	yaml := "outputs:\n  - eve-log:\n      types:\n        - alert\n        - dns:\n            version: 3\n"
	if err := os.WriteFile(filepath.Join(dir, "suricata.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	tt := &Test{Vars: filepath.Join(dir, "suricata.yaml"), Env: map[string]string{"SURICATA_EVE_DNS_VERSION": "2"}}
	if v, err := tt.DNSVersion(); v != 3 || err != nil {
		t.Errorf("suricata.yaml over environment: %d, %v", v, err)
	}
	if _, err := (&Test{Env: map[string]string{"SURICATA_EVE_DNS_VERSION": "two"}}).DNSVersion(); err == nil {
		t.Error("bad version: no error")
	}
}
