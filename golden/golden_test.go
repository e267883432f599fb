package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/rulec/rulec/compiler"
)

var update = flag.Bool("update", false, "rewrite the expected sections of the golden files")

// checkSection is the txtar section holding the expected `rulec check`
// report.
const checkSection = "check.out"

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
		if f.Name == checkSection {
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
	res.WriteReport(&out)
	got := strings.ReplaceAll(out.String(), dir+string(filepath.Separator), "")

	if *update {
		setSection(ar, checkSection, got)
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, ok := section(ar, checkSection)
	if !ok {
		t.Fatalf("%s has no %s section; run go test ./golden -update", file, checkSection)
	}
	if got != want {
		t.Errorf("%s: rulec check output differs\n--- got\n%s--- want\n%s", file, got, want)
	}
}

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
