package seclang

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// corpusDir returns a folder of ../shared/corpus, skipping the test when it
// is absent, except under CI where its absence is a failure.
func corpusDir(tb testing.TB, name string) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", name)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("corpus %s missing under CI: %v", dir, err)
		}
		tb.Skipf("corpus %s not present: %v", dir, err)
	}
	return dir
}

// crsFiles returns the CRS set-up template and rule files, in load order.
func crsFiles(tb testing.TB) []string {
	dir := corpusDir(tb, filepath.Join("crs", "crs-4.28.0"))
	rules, _ := filepath.Glob(filepath.Join(dir, "rules", "*.conf"))
	if len(rules) == 0 {
		tb.Fatal("no rule files in the CRS corpus")
	}
	return append([]string{filepath.Join(dir, "crs-setup.conf.example")}, rules...)
}

func readCRS(tb testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, name := range crsFiles(tb) {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		out[name] = b
	}
	return out
}

func TestCRSParses(t *testing.T) {
	var rules, rx int
	for name, src := range readCRS(t) {
		f, errs := ParseFile(name, src)
		for _, e := range errs.Items {
			t.Error(e)
		}
		lines := bytes.Split(src, []byte("\n"))
		chained := false // the previous SecRule ended in chain
		for _, d := range f.Directives {
			if err := checkPositions(lines, d); err != nil {
				t.Error(err)
			}
			again, errs := ParseFile(name, []byte(Format(d)))
			if errs.Len() != 0 || len(again.Directives) != 1 || !equalDirectives(d, again.Directives[0]) {
				t.Errorf("%v: round trip of %s: %v", d.Pos, Format(d), errs)
			}
			if !strings.EqualFold(d.Name, "SecRule") {
				continue
			}
			rules++
			if len(d.Vars) == 0 || d.Op == nil {
				t.Errorf("%v: SecRule lacks variables or operator", d.Pos)
				continue
			}
			if len(d.Actions) == 0 && !chained {
				t.Errorf("%v: SecRule lacks actions and is not chained", d.Pos)
			}
			chained = slices.ContainsFunc(d.Actions, func(a Action) bool { return a.Name == "chain" })
			if d.Op.Name == "rx" {
				rx++
				if _, err := regexp.Compile(d.Op.Arg); err != nil {
					t.Errorf("%v: %v", d.Op.ArgPos, err)
				}
			}
		}
	}
	if rules < 600 || rx != 318 {
		t.Errorf("parsed %d SecRules with %d @rx, want the whole corpus (318 @rx)", rules, rx)
	}
}

func TestCRSParseFilesMatchesParseFile(t *testing.T) {
	files := crsFiles(t)
	ds, errs := ParseFiles(files[0], filepath.Join(filepath.Dir(files[1]), "*.conf"))
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	n := 0
	for name, src := range readCRS(t) {
		f, _ := ParseFile(name, src)
		n += len(f.Directives)
	}
	if len(ds) != n {
		t.Errorf("ParseFiles gave %d directives, ParseFile %d", len(ds), n)
	}
	byDir, errs := ParseFiles(files[0], filepath.Dir(files[1]))
	if errs.Len() != 0 || len(byDir) != n {
		t.Errorf("ParseFiles of the rules folder gave %d directives, want %d: %v", len(byDir), n, errs)
	}
	if !strings.HasSuffix(ds[0].Pos.File, "crs-setup.conf.example") || !strings.HasSuffix(ds[len(ds)-1].Pos.File, "RESPONSE-980-CORRELATION.conf") {
		t.Errorf("order: first %v, last %v", ds[0].Pos, ds[len(ds)-1].Pos)
	}
}

func BenchmarkParseCRS(b *testing.B) {
	corpus := readCRS(b)
	size, rules := 0, 0
	for name, src := range corpus {
		size += len(src)
		f, _ := ParseFile(name, src)
		for _, d := range f.Directives {
			if strings.EqualFold(d.Name, "SecRule") || strings.EqualFold(d.Name, "SecAction") {
				rules++
			}
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for name, src := range corpus {
			ParseFile(name, src)
		}
	}
	b.ReportMetric(float64(rules)*float64(b.N)/b.Elapsed().Seconds(), "rules/s")
}
