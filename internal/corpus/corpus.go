package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the corpus folder, found relative to this source file so
// that every package's tests agree on it.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus")
}

// Dir returns the named corpus folder, skipping or failing tb when absent.
func Dir(tb testing.TB, name string) string {
	tb.Helper()
	dir := filepath.Join(Root(), name)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("corpus %s missing under CI=true: %v", dir, err)
		}
		tb.Skipf("corpus %s not present, skipping: %v", dir, err)
	}
	return dir
}

// Files returns the files of a corpus folder matching pattern, failing tb
// when there are none.
func Files(tb testing.TB, name, pattern string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(Dir(tb, name), pattern))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no %s files in corpus %s", pattern, name)
	}
	return files
}
