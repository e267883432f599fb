package ftw

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
)

// loadCRS compiles CRS v4.28.0 with the test setup and loads its tests.
func loadCRS(t *testing.T) (*Runner, []*File) {
	t.Helper()
	dir := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0")
	w, err := Compile(filepath.Join(dir, "crs-setup.conf.example"), []string{filepath.Join(dir, "rules")}, CRSConfig())
	if err != nil {
		t.Fatal(err)
	}
	paths, err := Files([]string{filepath.Join(dir, "tests")})
	if err != nil {
		t.Fatal(err)
	}
	var files []*File
	for _, p := range paths {
		f, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return &Runner{WAF: w}, files
}

// TestCRS runs CRS v4.28.0's regression tests and requires 97% of them to
// pass (in process on the same tests, Coraza v3.8.1 passes them all too).
func TestCRS(t *testing.T) {
	r, files := loadCRS(t)
	results := r.Run(files)
	passed := 0
	for _, res := range results {
		if res.Passed {
			passed++
			continue
		}
		t.Logf("FAIL %s: %s", res.Name, res.Reason)
	}
	rate := float64(passed) / float64(len(results))
	t.Logf("crs: %d passed, %d failed (%.2f%%)", passed, len(results)-passed, 100*rate)
	if len(results) < 2000 || rate < 0.97 {
		t.Errorf("%d of %d tests passed (%.2f%%), want at least 97%%", passed, len(results), 100*rate)
	}
}

// crs921140 is CRS's test 921140-1 (not among the corpus's tests): a bare
// CR in a header, which Apache refuses with 400 before rule 921140 (header
// injection) can see it.
const crs921140 = `rule_id: 921140
tests:
  - test_id: 1
    stages:
      - input:
          dest_addr: "127.0.0.1"
          method: "GET"
          port: 80
          headers:
            Host: "localhost"
            SomeHeader: "Headerdata\rInjectedHeader: response_splitting_code"
            User-Agent: "OWASP CRS test agent"
          uri: "/"
        output:
          status: [400]
          log:
            no_expect_ids: [921140]
`

func TestCRS921140BareCR(t *testing.T) {
	r, _ := loadCRS(t)
	path := filepath.Join(t.TempDir(), "921140.yaml")
	if err := os.WriteFile(path, []byte(crs921140), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range r.Run([]*File{f}) {
		if !res.Passed {
			t.Errorf("%s: %s", res.Name, res.Reason)
		}
	}
}
