package kwstatus

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/suricata"
)

var update = flag.Bool("update", false, "rewrite testdata/keywords.txt")

// TestKeywordsGolden: the table is deterministic and what
// testdata/keywords.txt holds (go test ./compiler/kwstatus -update
// rewrites it; review the diff).
func TestKeywordsGolden(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, Table(), ""); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, Table(), ""); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two tables differ")
	}
	const path = "testdata/keywords.txt"
	if *update {
		if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), want) {
		t.Errorf("keyword table differs from %s; run go test ./compiler/kwstatus -update and review the diff", path)
	}
}

// TestEveryKeywordListed: every Suricata 8 keyword and alias and every
// keyword rulec registers appears once; a registered one has its tier
// decided by a minimal rule, unless every value is refused with a reason.
func TestEveryKeywordListed(t *testing.T) {
	table := Table()
	byName := map[string]Status{}
	for _, s := range table {
		if _, dup := byName[s.Name]; dup {
			t.Errorf("%s listed twice", s.Name)
		}
		byName[s.Name] = s
	}
	for _, n := range slices.Concat(suricata8, suricata8Aliases, suricata.Keywords()) {
		if _, ok := byName[n]; !ok {
			t.Errorf("%s missing", n)
		}
	}
	for _, n := range suricata.Keywords() {
		s := byName[n]
		if s.Note == "" || s.Status == Unsupported {
			t.Errorf("registered keyword %s: %s %q, want a tier from a minimal rule", n, s.Status, s.Note)
		}
	}
	for name, want := range map[string]string{
		"content": Kernel, "dsize": Kernel, "dns.query": Kernel, "pkt_data": Kernel, "pcre": Userspace,
		"http.uri": Userspace, "file.data": Userspace, "flowbits": Userspace, "msg": Meta, "classtype": Meta,
		"dcerpc.stub_data": Userspace, "smb.share": Unsupported, "lua": Unsupported,
	} {
		if byName[name].Status != want {
			t.Errorf("%s: %+v, want %s", name, byName[name], want)
		}
	}
}
