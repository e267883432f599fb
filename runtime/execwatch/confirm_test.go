package execwatch

import (
	"debug/elf"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestConfirm(t *testing.T) {
	proc := newFakeProc(t)
	dir := t.TempDir()
	runc := writeELF(t, filepath.Join(dir, "bin", "runc"), elf.ET_DYN)
	static := writeELF(t, filepath.Join(dir, "static", "runc"), elf.ET_EXEC)
	deleted := writeELF(t, filepath.Join(dir, "old", "runc (deleted)"), elf.ET_EXEC)
	object := writeELF(t, filepath.Join(dir, "obj", "runc"), elf.ET_REL)
	crun := writeELF(t, filepath.Join(dir, "bin", "crun"), elf.ET_DYN)
	dash := writeELF(t, filepath.Join(dir, "bin", "dash"), elf.ET_DYN)
	script := filepath.Join(dir, "scripts", "runc")
	folder := filepath.Join(dir, "folder", "runc")
	if err := firstErr(os.MkdirAll(folder, 0o755), os.MkdirAll(filepath.Dir(script), 0o755), os.WriteFile(script, []byte("#!/bin/sh\n"), 0o755)); err != nil {
		t.Fatal(err)
	}
	runArgs := []string{"--root", "/x", "run", "--bundle", "b", "cid"}
	runInv := invocation{command: "run", id: "cid", bundle: "b"}
	cases := []struct {
		name    string
		exe     string
		cmdline []string
		want    invocation
		err     string // substring; "" when confirmed
	}{
		{"pie runc", runc, append([]string{"runc"}, runArgs...), runInv, ""},
		{"static runc", static, append([]string{"runc"}, runArgs...), runInv, ""},
		{"deleted runc", deleted, append([]string{"runc"}, runArgs...), runInv, ""},
		{"script: the interpreter", dash, append([]string{"/bin/sh", "runc"}, runArgs...), invocation{}, "executable " + dash},
		{"script as exe", script, append([]string{"runc"}, runArgs...), invocation{}, "not an ELF executable"},
		{"relocatable object", object, append([]string{"runc"}, runArgs...), invocation{}, "ELF file of type ET_REL"},
		{"directory", folder, append([]string{"runc"}, runArgs...), invocation{}, "not a regular file"},
		{"unwatched runtime", crun, append([]string{"crun"}, runArgs...), invocation{}, "executable " + crun},
		{"no runtime command", runc, []string{"runc", "hello"}, invocation{}, `"hello" is neither`},
		{"empty command line", runc, nil, invocation{}, "empty command line"},
	}
	runtimes := setOf("runc")
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pid := uint32(100 + i)
			proc.add(pid, c.exe, c.cmdline, dir)
			p, err := confirm(proc.root, pid, runtimes)
			if c.err != "" {
				if !errors.Is(err, errNotRuntime) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want a rejection with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.exe != c.exe || p.runtime != "runc" || p.inv != c.want || p.cwd != dir || !slices.Equal(p.cmdline, c.cmdline) {
				t.Errorf("got %+v", p)
			}
		})
	}
}

func TestConfirmGoneProcess(t *testing.T) {
	_, err := confirm(newFakeProc(t).root, 4242, setOf("runc"))
	if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotRuntime) {
		t.Errorf("error %v, want a not-exist error that is not a rejection", err)
	}
}
