package seclang

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rulec/rulec/diag"
)

// ParseFiles reads and parses the named files in order and returns their
// directives, each carrying its own file position. A path may be a file, a
// glob, or a directory, which stands for its *.conf files sorted by name
// (not its subdirectories, nor the .data files CRS keeps beside its rules). Include and
// IncludeOptional directives are replaced by the directives of the files
// they name, resolved against the including file's directory; an Include
// that matches nothing, or that would include a file already being read,
// is reported and skipped. IncludeOptional ignores missing files. Each
// file is read once per call: including it again is reported (its rules
// would be duplicates, as ModSecurity reports them) and skipped, so
// diamond-shaped includes cannot multiply. Only regular files are read,
// MaxIncludeBytes in all.
func ParseFiles(paths ...string) ([]*Directive, *diag.List) {
	ld := &loader{errs: &diag.List{}, seen: map[string]diag.Pos{}}
	for _, p := range paths {
		ld.include(diag.Pos{File: p}, p, false)
	}
	return ld.out, ld.errs
}

// MaxIncludeBytes bounds what one ParseFiles call reads, every included
// file together.
const MaxIncludeBytes = 64 << 20

type loader struct {
	out   []*Directive
	errs  *diag.List
	stack []string            // resolved paths of the files being read, outermost first
	seen  map[string]diag.Pos // resolved paths read, and where first included
	read  int                 // bytes read
}

func (ld *loader) include(at diag.Pos, pattern string, optional bool) {
	matches := []string{pattern}
	if strings.ContainsAny(pattern, `*?[\`) {
		var err error
		if matches, err = filepath.Glob(pattern); err != nil {
			ld.errs.Add(diag.Errorf(at, diag.ErrBadValue, "bad include pattern %q: %v", pattern, err))
			return
		}
		if len(matches) == 0 {
			if !optional {
				ld.errs.Add(diag.Errorf(at, diag.ErrBadValue, "no file matches %q", pattern))
			}
			return
		}
	}
	for _, m := range matches {
		fi, err := os.Stat(m)
		switch {
		case err != nil:
			if !optional {
				ld.errs.Add(diag.Errorf(at, diag.ErrBadValue, "cannot include: %v", err))
			}
		case fi.IsDir():
			ld.dir(at, m)
		default:
			ld.file(at, m)
		}
	}
}

func (ld *loader) dir(at diag.Pos, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		ld.errs.Add(diag.Errorf(at, diag.ErrBadValue, "cannot include: %v", err))
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".conf") {
			ld.file(at, filepath.Join(dir, e.Name()))
		}
	}
}

func (ld *loader) file(at diag.Pos, name string) {
	resolved, err := filepath.Abs(name)
	if err == nil {
		resolved, err = filepath.EvalSymlinks(resolved)
	}
	if err != nil {
		ld.errs.Add(diag.Errorf(at, diag.ErrBadValue, "cannot include: %v", err))
		return
	}
	if i := slices.Index(ld.stack, resolved); i >= 0 {
		cycle := strings.Join(ld.stack[i:], " -> ")
		ld.errs.Add(diag.Errorf(at, diag.ErrBadValue, "include cycle: %s -> %s", cycle, resolved))
		return
	}
	if first, dup := ld.seen[resolved]; dup {
		ld.errs.Add(diag.Errorf(at, diag.ErrBadValue, "%s included again (first at %s): its rules would be duplicates", name, first))
		return
	}
	ld.seen[resolved] = at
	src, err := ld.readFile(at, name)
	if err != nil {
		ld.errs.Add(diag.Errorf(at, sentinel(err), "cannot include: %v", err))
		return
	}
	f, errs := ParseFile(name, src)
	ld.errs.Merge(errs)
	ld.stack = append(ld.stack, resolved)
	defer func() { ld.stack = ld.stack[:len(ld.stack)-1] }()
	for _, d := range f.Directives {
		optional := strings.EqualFold(d.Name, "IncludeOptional")
		if !optional && !strings.EqualFold(d.Name, "Include") {
			ld.out = append(ld.out, d)
			continue
		}
		target := d.Args[0].Value
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(name), target)
		}
		ld.include(d.Args[0].Pos, target, optional)
	}
}

// readFile reads a regular file within what is left of MaxIncludeBytes.
func (ld *loader) readFile(at diag.Pos, name string) ([]byte, error) {
	src, err := ReadRegular(name, MaxIncludeBytes-ld.read)
	if errors.Is(err, diag.ErrLimit) {
		err = fmt.Errorf("%w: %d bytes of included files at most", err, MaxIncludeBytes)
	}
	ld.read += len(src)
	return src, err
}

// sentinel is the diagnostic class of a file reading error.
func sentinel(err error) error {
	if errors.Is(err, diag.ErrLimit) {
		return diag.ErrLimit
	}
	return diag.ErrBadValue
}
