package seclang

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func TestDataFilesRegularAndBounded(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.data"), 0o600); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.data")
	os.WriteFile(huge, nil, 0o644)
	if err := os.Truncate(huge, MaxDataFileBytes+1); err != nil {
		t.Fatal(err)
	}
	half := strings.Repeat("abcdefghijklmno\n", MaxDataFileBytes/2/16)
	os.WriteFile(filepath.Join(dir, "half.data"), []byte(half), 0o644)
	src := `SecRule ARGS "@pmFromFile /dev/zero" "id:1,pass"
SecRule ARGS "@pmFromFile fifo.data" "id:2,pass"
SecRule REMOTE_ADDR "@ipMatchFromFile huge.data" "id:3,pass"
SecRule ARGS "@pmFromFile half.data half.data half.data" "id:4,pass"
SecRule ARGS "@pmFromFile half.data half.data" "id:5,pass"
`
	os.WriteFile(filepath.Join(dir, "main.conf"), []byte(src), 0o644)
	dirs, errs := syntax.ParseFiles(filepath.Join(dir, "main.conf"))
	res := Compile(dirs, errs)
	if len(res.Rules) != 1 || res.Rules[0].Meta.SID != 5 {
		t.Errorf("%d rules compiled, want only id 5", len(res.Rules))
	}
	for i, want := range []struct {
		sentinel error
		msg      string
	}{
		{diag.ErrBadValue, "/dev/zero is not a regular file"},
		{diag.ErrBadValue, "fifo.data is not a regular file"},
		{diag.ErrLimit, "huge.data: 16777217 bytes: limit exceeded (16777216 bytes at most for one operator)"},
		{diag.ErrLimit, "half.data: 8388608 bytes: limit exceeded (16777216 bytes at most for one operator)"},
	} {
		if i >= res.Diags.Len() {
			t.Fatalf("diagnostics %v", res.Diags.Items)
		}
		d := res.Diags.Items[i]
		if d.SID != uint64(i+1) || d.Pos.Line != i+1 || !errors.Is(d, want.sentinel) || !strings.Contains(d.Error(), want.msg) {
			t.Errorf("diagnostic %v, want line %d, %v, %q", d, i+1, want.sentinel, want.msg)
		}
	}
}

// TestDataBytesTotal: every data file a compilation reads is bounded
// together.
func TestDataBytesTotal(t *testing.T) {
	dir := t.TempDir()
	full := strings.Repeat("abcdefghijklmno\n", MaxDataFileBytes/16)
	os.WriteFile(filepath.Join(dir, "full.data"), []byte(full), 0o644)
	var src strings.Builder
	n := MaxDataBytes/MaxDataFileBytes + 1
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&src, "SecRule ARGS \"@pmFromFile full.data\" \"id:%d,pass\"\n", i)
	}
	os.WriteFile(filepath.Join(dir, "main.conf"), []byte(src.String()), 0o644)
	dirs, errs := syntax.ParseFiles(filepath.Join(dir, "main.conf"))
	res := Compile(dirs, errs)
	if len(res.Rules) != n-1 || res.Diags.Len() != 1 {
		t.Fatalf("%d rules, diagnostics %v", len(res.Rules), res.Diags.Items)
	}
	if d := res.Diags.Items[0]; d.SID != uint64(n) || !errors.Is(d, diag.ErrLimit) || !strings.Contains(d.Error(), "data files: 67108864 bytes in all at most") {
		t.Errorf("diagnostic %v", d)
	}
}
