package suricata

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
)

func TestDatarepLoad(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "rep.csv"), []byte("# name,rep\nZXZpbC5leGFtcGxl,200\nb2suZXhhbXBsZQ==,3\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("ZXZpbC5leGFtcGxl,200\nb2suZXhhbXBsZQ==,70000\n"), 0o644)
	path := filepath.Join(dir, "t.rules")
	rs, errs, _ := New(vars.Defaults()).File(path, []byte(`alert dns any any -> any any (dns.query; datarep:rep, >, 100, type string, load rep.csv, memcap 10mb, hashsize 1024; sid:1;)`+"\n"))
	if errs.Len() > 0 || len(rs) != 1 {
		t.Fatalf("%d rules, %v", len(rs), errs)
	}
	d := rs[0].Matchers[0].(*ir.Datarep)
	if d.Op != ">" || d.Value != 100 || d.Buffer.Name != "dns.query" || !slices.Equal(d.Values, []string{"evil.example", "ok.example"}) || !slices.Equal(d.Reps, []uint16{200, 3}) {
		t.Errorf("datarep: %+v", d)
	}
	for rule, want := range map[string]string{
		`alert dns any any -> any any (datarep:rep, >, 1, type string; sid:2;)`:                          "sticky buffers",
		`alert dns any any -> any any (dns.query; datarep:rep, >=, 1, type string; sid:3;)`:              "datarep operation",
		`alert dns any any -> any any (dns.query; datarep:rep, >, 70000, type string; sid:4;)`:           "datarep value",
		`alert dns any any -> any any (dns.query; datarep:rep, >, 1, type string, load bad.csv; sid:5;)`: "bad.csv:2: reputation",
		`alert dns any any -> any any (dns.query; datarep:rep, >, 1, load rep.csv; sid:6;)`:              "datarep type",
	} {
		_, errs, _ := New(vars.Defaults()).File(path, []byte(rule+"\n"))
		if errs.Len() == 0 || !strings.Contains(errs.Error(), want) {
			t.Errorf("%s: %v, want %q", rule, errs, want)
		}
	}
}

func TestDatasetMemcapAtLoad(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "s.lst"), []byte("YQ==\nYg==\nYw==\n"), 0o644)
	path := filepath.Join(dir, "t.rules")
	rs, errs, _ := New(vars.Defaults()).File(path, []byte(`alert dns any any -> any any (dns.query; dataset:isset,s,type string,load s.lst,memcap 1kb; sid:1;)`+"\n"))
	if errs.Len() > 0 || rs[0].Matchers[0].(*ir.Dataset).Memcap != 1024 {
		t.Fatalf("memcap 1kb: %v", errs)
	}
	_, errs, _ = New(vars.Defaults()).File(path, []byte(`alert dns any any -> any any (dns.query; dataset:isset,s,type string,load s.lst,memcap 100; sid:1;)`+"\n"))
	if errs.Len() == 0 || !strings.Contains(errs.Error(), "past its memcap of 100") {
		t.Errorf("three values in a 100-byte set: %v", errs)
	}
}
