package suricata

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
)

func TestDatasetLoad(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ua.csv"), []byte("Y3VybC83LjQzLjA=\n\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ips.csv"), []byte("10.0.0.1\n::ffff:10.0.0.2\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "d.json"), []byte(`{"domain": ".evil.com"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "md5.lst"), []byte("d41d8cd98f00b204e9800998ecf8427e\n"), 0o644)
	rules := `alert http any any -> any any (http.user_agent; dataset:isset,ua,type string,load ua.csv; sid:1;)
alert dns any any -> any any (dns.query; dataset:isset,dom,type string,match subdomain,load d.json,format ndjson,value_key domain,context_key domain; sid:2;)
alert http any any -> any any (http.host; dataset:set,seen, type string, state seen.lst; sid:3;)
alert http any any -> any any (http.user_agent; to_md5; dataset:isnotset,h,type md5,load md5.lst; sid:4;)
`
	path := filepath.Join(dir, "t.rules")
	rs, errs, _ := New(vars.Defaults()).File(path, []byte(rules))
	if errs.Len() > 0 || len(rs) != 4 {
		t.Fatalf("%d rules, %v", len(rs), errs)
	}
	d := func(i int) *ir.Dataset { return rs[i].Matchers[0].(*ir.Dataset) }
	if got := d(0); got.Cmd != "isset" || got.Buffer.Name != "http.user_agent" || !slices.Equal(got.Values, []string{"curl/7.43.0"}) {
		t.Errorf("string set: %+v", got)
	}
	if got := d(1); !got.Subdomain || !slices.Equal(got.Values, []string{".evil.com"}) {
		t.Errorf("ndjson set: %+v", got)
	}
	if got := d(2); got.Cmd != "set" || got.Save != filepath.Join(dir, "seen.lst") || len(got.Values) != 0 {
		t.Errorf("state set (no file yet): %+v", got)
	}
	if got := d(3); len(got.Values) != 1 || len(got.Values[0]) != 16 || len(got.Buffer.Transforms) != 1 {
		t.Errorf("md5 set: %+v", got)
	}
	rs, errs, _ = New(vars.Defaults()).File(path, []byte(`alert ip any any -> any any (dataset:isset,x,type ipv4,load ips.csv; sid:5;)`+"\n"))
	if errs.Len() == 0 {
		t.Errorf("an IPv6 address in an ipv4 set was accepted: %+v", rs)
	}
	// save and state paths as Suricata 8 checks them, with its engine log message
	for rule, msg := range map[string]string{
		`alert dns any any -> any any (dns.query; dataset:set,x,type string,save ../x.lst; sid:6;)`:    "Directory traversals not allowed: ../x.lst",
		`alert dns any any -> any any (dns.query; dataset:set,x,type string,state a/../x.lst; sid:7;)`: "Directory traversals not allowed: a/../x.lst",
		`alert dns any any -> any any (dns.query; dataset:set,x,type string,save /tmp/x.lst; sid:8;)`:  "Absolute paths not allowed: /tmp/x.lst",
	} {
		_, errs, _ = New(vars.Defaults()).File(path, []byte(rule+"\n"))
		if errs.Len() != 1 || !errors.Is(errs.Items[0], diag.ErrBadValue) || diag.EngineMessage(errs.Items[0]) != msg {
			t.Errorf("%s: %v, want the engine message %q", rule, errs, msg)
		}
	}
}

// A dataset file must be a regular file within maxDataFile: a device
// would be read without end.
func TestDatasetFileBounded(t *testing.T) {
	if _, err := loadDataset("/dev/zero", "md5", "", ""); !errors.Is(err, diag.ErrLimit) {
		t.Errorf("/dev/zero: %v", err)
	}
	if _, _, err := loadDatarep("/dev/zero", "md5"); !errors.Is(err, diag.ErrLimit) {
		t.Errorf("datarep /dev/zero: %v", err)
	}
}

// suricata.yaml's datasets.rules: allow-write: no refuses rules with save
// or state (Suricata's engine message), allow-absolute-filenames: yes
// lets a save path be absolute.
func TestDatasetRulesPolicy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.rules")
	v, err := vars.Parse([]byte("datasets:\n  rules:\n    allow-write: no\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range []string{
		`alert dns any any -> any any (dns.query; dataset:isnotset,x,type string,state seen.lst; sid:1;)`,
		`alert dns any any -> any any (dns.query; dataset:set,x,type string,save seen.lst; sid:2;)`,
	} {
		_, errs, _ := New(v).File(path, []byte(rule+"\n"))
		if errs.Len() != 1 || diag.EngineMessage(errs.Items[0]) != "Rules containing save/state datasets have been disabled" {
			t.Errorf("%s with allow-write: no: %v", rule, errs)
		}
	}
	if _, errs, _ := New(v).File(path, []byte(`alert dns any any -> any any (dns.query; dataset:isset,x,type string; sid:3;)`+"\n")); errs.Len() != 0 {
		t.Errorf("a dataset without files refused: %v", errs)
	}
	v, err = vars.Parse([]byte("datasets:\n  rules:\n    allow-absolute-filenames: yes\n"))
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "abs.lst")
	if _, errs, _ := New(v).File(path, []byte(`alert dns any any -> any any (dns.query; dataset:set,x,type string,save `+abs+`; sid:4;)`+"\n")); errs.Len() != 0 {
		t.Errorf("absolute save path with allow-absolute-filenames: %v", errs)
	}
}
