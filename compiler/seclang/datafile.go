package seclang

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rulec/rulec/diag"
)

// dataFiles reads the files named in arg (separated by white space,
// relative ones resolved against the directory of ruleFile) and returns
// their lines, without blank lines and '#' comments.
func dataFiles(arg, ruleFile string) ([]string, error) {
	names := strings.Fields(arg)
	if len(names) == 0 {
		return nil, fmt.Errorf("no file named: %w", diag.ErrMissing)
	}
	var lines []string
	for _, name := range names {
		if !filepath.IsAbs(name) {
			name = filepath.Join(filepath.Dir(ruleFile), name)
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("%v: %w", err, diag.ErrBadValue)
		}
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
