package seclang

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// Limits on data files (@pmFromFile, @ipMatchFromFile): the bytes of one
// operator's files together, and of every data file a compilation reads.
const (
	MaxDataFileBytes = 16 << 20
	MaxDataBytes     = 64 << 20
)

// dataFiles reads the files named in arg (separated by white space,
// relative ones resolved against the directory of ruleFile) and returns
// their lines, without blank lines and '#' comments. Only regular files
// are read, MaxDataFileBytes for all of arg's files together.
func dataFiles(arg, ruleFile string) ([]string, error) {
	names := strings.Fields(arg)
	if len(names) == 0 {
		return nil, fmt.Errorf("no file named: %w", diag.ErrMissing)
	}
	var lines []string
	left := MaxDataFileBytes
	for _, name := range names {
		if !filepath.IsAbs(name) {
			name = filepath.Join(filepath.Dir(ruleFile), name)
		}
		src, err := syntax.ReadRegular(name, left)
		if errors.Is(err, diag.ErrLimit) {
			return nil, fmt.Errorf("data files: %w (%d bytes at most for one operator)", err, MaxDataFileBytes)
		}
		if err != nil {
			return nil, fmt.Errorf("%v: %w", err, diag.ErrBadValue)
		}
		left -= len(src)
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line != "" && !strings.HasPrefix(line, "#") {
				lines = append(lines, line)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %v: %w", name, err, diag.ErrBadValue)
		}
	}
	return lines, nil
}

// chargeData counts the phrases an operator read from data files against
// MaxDataBytes for the compilation; past it the operator is refused and
// its phrases dropped.
func (c *compiler) chargeData(o *ir.SecOperator, at diag.Pos) *diag.Diagnostic {
	n := 0
	for _, p := range o.Phrases {
		n += len(p)
	}
	if c.data+n > MaxDataBytes {
		o.Phrases = nil
		return diag.Errorf(at, diag.ErrLimit, "operator %q: data files: %d bytes in all at most", "@"+o.Name, MaxDataBytes)
	}
	c.data += n
	return nil
}
