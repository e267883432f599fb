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
)

// TestIncludeDiamondReadOnce: files included along several paths are read
// once; every further include is reported, so a diamond cannot multiply.
func TestIncludeDiamondReadOnce(t *testing.T) {
	tree := map[string]string{"f9.conf": "SecMarker leaf\n"}
	for i := 0; i < 9; i++ {
		tree[fmt.Sprintf("f%d.conf", i)] = fmt.Sprintf("SecMarker m%d\n", i) + strings.Repeat(fmt.Sprintf("Include f%d.conf\n", i+1), 10)
	}
	dir := writeTree(t, tree)
	ds, errs := ParseFiles(filepath.Join(dir, "f0.conf"))
	if len(ds) != 10 {
		t.Errorf("%d directives, want 10 (each file once): %s", len(ds), markers(dir, ds))
	}
	if errs.Len() != 9*9 {
		t.Fatalf("%d diagnostics, want 81 (9 repeated includes in each of 9 files)", errs.Len())
	}
	d := errs.Items[0]
	if !errors.Is(d, diag.ErrBadValue) || d.Pos.File != filepath.Join(dir, "f8.conf") || d.Pos.Line != 3 ||
		!strings.Contains(d.Error(), "f9.conf included again (first at "+filepath.Join(dir, "f8.conf")+":2:") {
		t.Errorf("first diagnostic %v", d)
	}
}

func TestIncludeRefusesNonRegularAndHugeFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.conf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.conf")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, MaxIncludeBytes+1); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "main.conf")
	os.WriteFile(main, []byte("Include /dev/zero\nInclude fifo.conf\nInclude huge.conf\nSecMarker end\n"), 0o644)
	ds, errs := ParseFiles(main)
	if len(ds) != 1 || errs.Len() != 3 {
		t.Fatalf("%d directives, diagnostics %v", len(ds), errs)
	}
	for i, want := range []string{"/dev/zero is not a regular file", "fifo.conf is not a regular file", "huge.conf: 67108865 bytes: limit exceeded"} {
		d := errs.Items[i]
		if d.Pos.Line != i+1 || d.Pos.Col != 9 || !strings.Contains(d.Error(), want) {
			t.Errorf("diagnostic %d: %v, want line %d col 9 and %q", i, d, i+1, want)
		}
	}
	if !errors.Is(errs.Items[2], diag.ErrLimit) {
		t.Errorf("%v: want ErrLimit", errs.Items[2])
	}
}

// TestIncludeTotalBytes: the files one load reads are bounded together.
func TestIncludeTotalBytes(t *testing.T) {
	dir := t.TempDir()
	var main strings.Builder
	for i := 0; i < 5; i++ {
		name := filepath.Join(dir, fmt.Sprintf("part%d.conf", i))
		body := "# " + strings.Repeat("x", MaxIncludeBytes/4) + "\nSecMarker p\n"
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&main, "Include %s\n", name)
	}
	os.WriteFile(filepath.Join(dir, "main.conf"), []byte(main.String()), 0o644)
	ds, errs := ParseFiles(filepath.Join(dir, "main.conf"))
	if len(ds) != 3 || errs.Len() != 2 || !errors.Is(errs.Items[0], diag.ErrLimit) || !strings.Contains(errs.Items[0].Error(), "67108864 bytes of included files at most") {
		t.Errorf("%d directives, diagnostics %v", len(ds), errs)
	}
}
