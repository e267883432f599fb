package execwatch

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// process is what /proc says about a confirmed runtime process.
type process struct {
	exe     string
	cmdline []string
	runtime string
	inv     invocation
	cwd     string
}

// errNotRuntime marks a process that is not a container runtime.
var errNotRuntime = errors.New("not a container runtime")

// confirm applies the confirmation rule (see the package documentation)
// to process pid under the proc root; runtimes are the watched names.
func confirm(root string, pid uint32, runtimes map[string]bool) (process, error) {
	dir := filepath.Join(root, strconv.FormatUint(uint64(pid), 10))
	exe, err := os.Readlink(filepath.Join(dir, "exe"))
	if err != nil {
		return process{}, fmt.Errorf("executable: %w", err)
	}
	p := process{exe: exe, runtime: filepath.Base(strings.TrimSuffix(exe, " (deleted)"))}
	if !runtimes[p.runtime] {
		return process{}, fmt.Errorf("%w: executable %s", errNotRuntime, exe)
	}
	if err := checkELF(filepath.Join(dir, "exe")); err != nil {
		return process{}, fmt.Errorf("%w: executable %s: %w", errNotRuntime, exe, err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "cmdline"))
	if err != nil {
		return process{}, fmt.Errorf("command line: %w", err)
	}
	p.cmdline = splitCmdline(raw)
	if len(p.cmdline) == 0 {
		return process{}, fmt.Errorf("%w: empty command line", errNotRuntime)
	}
	p.inv, err = parseInvocation(familyOf(p.runtime), p.cmdline[1:])
	if err != nil {
		return process{}, fmt.Errorf("%w: %w", errNotRuntime, err)
	}
	if p.cwd, err = os.Readlink(filepath.Join(dir, "cwd")); err != nil {
		return process{}, fmt.Errorf("working directory: %w", err)
	}
	return p, nil
}

// checkELF checks that path (followed) is a regular file that starts
// with an ELF header of an executable or a shared object (PIE).
func checkELF(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	ef, err := elf.NewFile(f)
	if err != nil {
		return fmt.Errorf("not an ELF executable: %w", err)
	}
	if ef.Type != elf.ET_EXEC && ef.Type != elf.ET_DYN {
		return fmt.Errorf("ELF file of type %s", ef.Type)
	}
	return nil
}

func splitCmdline(raw []byte) []string {
	raw = bytes.TrimSuffix(raw, []byte{0})
	if len(raw) == 0 {
		return nil
	}
	return strings.Split(string(raw), "\x00")
}
