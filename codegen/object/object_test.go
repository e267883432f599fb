package object

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/internal/corpus"
)

func compileETOpen(tb testing.TB) *compiler.Result {
	res, err := compiler.Compile([]string{corpus.Dir(tb, "etopen")}, compiler.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestETOpenObjectDeterministic compiles ET Open twice into objects that
// must be byte-identical, and decodes one back.
func TestETOpenObjectDeterministic(t *testing.T) {
	elf := []byte("\x7fELF not really")
	var blobs [2][]byte
	for i := range blobs {
		o, err := Build(compileETOpen(t).Rules, elf)
		if err != nil {
			t.Fatal(err)
		}
		if blobs[i], err = Encode(o); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(blobs[0], blobs[1]) {
		t.Fatal("two compilations of ET Open differ")
	}
	o, err := Decode(blobs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Rules) < 9000 || !bytes.Equal(o.BPF, elf) {
		t.Errorf("decoded %d rules", len(o.Rules))
	}
}

func TestDecodeRefusesBadObjects(t *testing.T) {
	o, err := Build(nil, []byte("elf"))
	if err != nil {
		t.Fatal(err)
	}
	good, _ := Encode(o)
	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 1
	version := bytes.Clone(good)
	version[11]++
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotObject},
		{"other file", []byte("SQLite format 3\x00...................................."), ErrNotObject},
		{"truncated header", good[:10], ErrCorrupt},
		{"truncated", good[:len(good)-5], ErrCorrupt},
		{"flipped bit", flip, ErrCorrupt},
		{"version", version, ErrVersion},
	}
	for _, c := range cases {
		if _, err := Decode(c.data); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := Decode(good); err != nil {
		t.Errorf("good object refused: %v", err)
	}
}

// BenchmarkBuildETOpen lowers all of ET Open (already compiled to IR) into
// the object: tier decisions and every kernel table.
func BenchmarkBuildETOpen(b *testing.B) {
	rules := compileETOpen(b).Rules
	for b.Loop() {
		o, err := Build(rules, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Encode(o); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeRefusesMixedUpSlots refuses objects whose kernel slots name
// userspace rules or whose header shapes list kernel rules.
func TestDecodeRefusesMixedUpSlots(t *testing.T) {
	rules, errs, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(
		"alert udp any any -> any 53 (content:\"a\"; sid:1;)\nalert http any any -> any any (http.uri; content:\"b\"; sid:2;)\n"))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	for name, spoil := range map[string]func(o *Object){
		"kernel slot names a userspace rule": func(o *Object) { o.Kernel.Slots[0].Rule = 1 },
		"shape lists a kernel rule":          func(o *Object) { o.Kernel.ShapeRules[1] = []uint32{0} },
	} {
		o, err := Build(rules, []byte("elf"))
		if err != nil {
			t.Fatal(err)
		}
		spoil(o)
		data, err := Encode(o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(data); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: decoded with error %v, want ErrCorrupt", name, err)
		}
	}
}

// TestCRSObjectDecodes: the validation of decoded objects accepts CRS and
// the default rules together, SecLang parts and all.
func TestCRSObjectDecodes(t *testing.T) {
	crs := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0")
	res, err := compiler.Compile([]string{filepath.Join(crs, "crs-setup.conf.example"), filepath.Join(crs, "rules"), "../../rules"}, compiler.Options{})
	if err != nil || res.Tally.Errors > 0 {
		t.Fatalf("%v %+v", err, res.Tally)
	}
	o, err := Build(res.Rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Encode(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(data); err != nil {
		t.Fatal(err)
	}
}
