package execwatch

import (
	"debug/elf"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeProc is a /proc tree of symlinks and files for the confirmation
// rule: PID/exe, PID/cmdline, PID/cwd and PID/root (to "/").
type fakeProc struct {
	t    *testing.T
	root string
}

func newFakeProc(t *testing.T) fakeProc { return fakeProc{t, t.TempDir()} }

func (p fakeProc) add(pid uint32, exe string, cmdline []string, cwd string) {
	p.t.Helper()
	dir := filepath.Join(p.root, strconv.Itoa(int(pid)))
	raw := strings.Join(cmdline, "\x00") + "\x00"
	if len(cmdline) == 0 {
		raw = ""
	}
	err := firstErr(
		os.MkdirAll(dir, 0o755),
		os.Symlink(exe, filepath.Join(dir, "exe")),
		os.Symlink(cwd, filepath.Join(dir, "cwd")),
		os.Symlink("/", filepath.Join(dir, "root")),
		os.WriteFile(filepath.Join(dir, "cmdline"), []byte(raw), 0o444),
	)
	if err != nil {
		p.t.Fatal(err)
	}
}

// writeELF writes an ELF header of type typ without sections.
func writeELF(t *testing.T, path string, typ elf.Type) string {
	t.Helper()
	h := elf.Header64{Type: uint16(typ), Machine: uint16(elf.EM_X86_64), Version: uint32(elf.EV_CURRENT), Ehsize: 64}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS] = byte(elf.ELFCLASS64)
	h.Ident[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	h.Ident[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := binary.Write(f, binary.LittleEndian, h); err != nil {
		t.Fatal(err)
	}
	return path
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
