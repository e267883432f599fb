package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
)

var update = flag.Bool("update", false, "rewrite the expected sections of the golden files")

// The txtar sections holding expected output: the `rulec check -v` report
// and, for rule sets without errors, the `rulec inspect` dump of the
// compiled object (with the classifier ELF's line elided, so that
// regenerating the BPF object does not churn every case).
const (
	checkSection   = "check.out"
	inspectSection = "inspect.out"
)

// A case may also give a capture (hex of a pcap file) and run arguments
// (rulec run's --ips and --eve-types); the EVE output of running the
// rules over it with the reference kernel tier is then compared too.
const (
	captureSection = "capture.pcap.hex"
	argsSection    = "run.args"
	eveSection     = "eve.out"
)

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runCase(t, file)
		})
	}
}

func runCase(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []string
	for _, f := range ar.Files {
		switch f.Name {
		case checkSection, inspectSection, eveSection, captureSection, argsSection:
			continue
		}
		path := filepath.Join(dir, f.Name)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, path)
	}
	res, err := compiler.Compile(inputs, compiler.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.WriteReport(&out, true)
	got := map[string]string{checkSection: out.String()}
	if res.Tally.Errors == 0 {
		o, err := object.Build(res.Rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		out.Reset()
		object.Dump(&out, o)
		got[inspectSection] = elideBPF.ReplaceAllString(out.String(), "bpf: <elided>")
		if hexText, ok := section(ar, captureSection); ok {
			args, _ := section(ar, argsSection)
			got[eveSection] = runEVE(t, res.Rules, hexText, args, dir)
		}
	}
	for name, text := range got {
		text = strings.ReplaceAll(text, dir+string(filepath.Separator), "")
		if *update {
			setSection(ar, name, text)
			continue
		}
		want, ok := section(ar, name)
		if !ok {
			t.Errorf("%s has no %s section; run go test ./golden -update", file, name)
			continue
		}
		if text != want {
			t.Errorf("%s: %s differs\n--- got\n%s--- want\n%s", file, name, text, want)
		}
	}
	if *update {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var elideBPF = regexp.MustCompile(`(?m)^bpf: .*$`)

func section(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

func setSection(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}
