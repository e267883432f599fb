package seclang

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	syntax "github.com/rulec/rulec/grammar/seclang"
)

// compileFiles writes files into a temporary folder and compiles the one
// named "main.conf" (which may Include the others).
func compileFiles(t *testing.T, files map[string]string) *Result {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dirs, errs := syntax.ParseFiles(filepath.Join(dir, "main.conf"))
	return Compile(dirs, errs)
}

func compileText(t *testing.T, src string) *Result {
	t.Helper()
	return compileFiles(t, map[string]string{"main.conf": src})
}

// errorCase is a source with the one diagnostic it must give.
type errorCase struct {
	src      string
	sentinel error
	msg      string // the diagnostic's error text without position and sid
}

func runErrorCases(t *testing.T, cases []errorCase) {
	t.Helper()
	for _, tc := range cases {
		res := compileText(t, tc.src)
		if res.Diags.Len() != 1 {
			t.Errorf("%s: got %d diagnostics %v, want 1", tc.src, res.Diags.Len(), res.Diags.Items)
			continue
		}
		d := res.Diags.Items[0]
		if !errors.Is(d, tc.sentinel) || d.Err.Error() != tc.msg {
			t.Errorf("%s:\n got %q\nwant %q (%v)", tc.src, d.Err.Error(), tc.msg, tc.sentinel)
		}
		if !d.Pos.IsValid() {
			t.Errorf("%s: diagnostic without position", tc.src)
		}
		if len(res.Rules) != 0 {
			t.Errorf("%s: a rule with a diagnostic was kept", tc.src)
		}
	}
}

// mustCompile compiles src, which must give no diagnostics.
func mustCompile(t *testing.T, src string) *Result {
	t.Helper()
	res := compileText(t, src)
	for _, d := range res.Diags.Items {
		t.Errorf("%s: unexpected %v", src, d)
	}
	return res
}
