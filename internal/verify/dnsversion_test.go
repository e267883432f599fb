package verify

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDNSLog(t *testing.T) {
	if c, err := (&Test{}).DNSLog(); c.Version != 0 || err != nil {
		t.Errorf("default: %+v, %v", c, err)
	}
	if c, err := (&Test{Env: map[string]string{"SURICATA_EVE_DNS_VERSION": "2"}}).DNSLog(); c.Version != 2 || err != nil {
		t.Errorf("environment: %+v, %v", c, err)
	}
	dir := t.TempDir()
	yaml := "outputs:\n  - eve-log:\n      types:\n        - alert\n        - dns:\n            version: 3\n            requests: no\n            types: [mx]\n"
	if err := os.WriteFile(filepath.Join(dir, "suricata.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	tt := &Test{Vars: filepath.Join(dir, "suricata.yaml"), Env: map[string]string{"SURICATA_EVE_DNS_VERSION": "2"}}
	c, err := tt.DNSLog()
	if c.Version == 2 || !c.NoRequests || c.NoResponses || len(c.Types) != 1 || !c.Types[15] || err != nil {
		t.Errorf("suricata.yaml over environment: %+v, %v", c, err)
	}
}
