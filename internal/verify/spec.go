package verify

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Test is one test folder.
type Test struct {
	Dir    string
	Name   string // Dir relative to the root it was found under
	Rules  []string
	Pcap   string
	Vars   string // suricata.yaml, when present
	Args   []string
	Env    map[string]string
	Checks []Check
	// Skip says why the test does not apply to Build ("" when it does).
	Skip string
}

// Check is one filter: Count events must match every Match field.
type Check struct {
	// Filename is the EVE file the filter reads ("" for the default).
	Filename string
	Count    int
	Match    map[string]any
	Other    string // a check kind this runner does not support
	Skip     string // why the check does not apply to Build, or ""
}

type testYAML struct {
	Args     any               `yaml:"args"`
	Pcap     any               `yaml:"pcap"`
	Rules    yaml.Node         `yaml:"rules"`
	Env      map[string]string `yaml:"env"`
	Requires *Requires         `yaml:"requires"`
	Skip     any               `yaml:"skip"`
	Checks   []map[string]struct {
		Count    *int           `yaml:"count"`
		Filename string         `yaml:"filename"`
		Match    map[string]any `yaml:"match"`
		Requires *Requires      `yaml:"requires"`
		Inline   Requires       `yaml:",inline"` // older tests put min-version etc. on the filter
	} `yaml:"checks"`
}

// Find returns every test folder (one holding test.yaml) under roots,
// sorted by name.
func Find(roots ...string) ([]*Test, error) {
	var tests []*Test
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || d.Name() != "test.yaml" {
				return nil
			}
			dir := filepath.Dir(p)
			name, _ := filepath.Rel(filepath.Dir(filepath.Clean(root)), dir)
			t, err := Load(dir)
			if err != nil {
				return err
			}
			t.Name = name
			tests = append(tests, t)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(tests, func(i, j int) bool { return tests[i].Name < tests[j].Name })
	return tests, nil
}

// Load reads one test folder.
func Load(dir string) (*Test, error) {
	t := &Test{Dir: dir, Name: dir}
	data, err := os.ReadFile(filepath.Join(dir, "test.yaml"))
	if err != nil {
		return nil, err
	}
	var y testYAML
	if err := yaml.Unmarshal(data, &y); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	switch a := y.Args.(type) {
	case string:
		t.Args = strings.Fields(a)
	case []any:
		for _, x := range a {
			t.Args = append(t.Args, strings.Fields(fmt.Sprint(x))...)
		}
	}
	t.Env = y.Env
	if t.Skip, err = y.Requires.Unmet(dir); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if t.Skip == "" {
		if t.Skip, err = skipped(y.Skip); err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
	}
	for _, c := range y.Checks {
		for kind, f := range c {
			var ch Check
			if kind != "filter" || f.Count == nil {
				ch.Other = kind
			} else {
				ch = Check{Count: *f.Count, Match: f.Match, Filename: f.Filename}
			}
			for _, r := range []*Requires{f.Requires, &f.Inline} {
				if ch.Skip == "" {
					if ch.Skip, err = r.Unmet(dir); err != nil {
						return nil, fmt.Errorf("%s: %w", dir, err)
					}
				}
			}
			t.Checks = append(t.Checks, ch)
		}
	}
	if t.Skip == "" {
		t.Skip = allChecksSkipped(t.Checks)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	named := false
	if p, ok := y.Pcap.(string); ok && p != "" {
		// upstream's path, when it leads to a file (the test dir may hold
		// another capture of that base name); else the corpus copied the
		// file in under its base name
		t.Pcap, named = filepath.Join(dir, p), true
		if _, err := os.Stat(t.Pcap); err != nil {
			t.Pcap = filepath.Join(dir, filepath.Base(p))
		}
	}
	for _, e := range entries {
		switch name := e.Name(); {
		case e.IsDir():
		case strings.HasSuffix(name, ".rules"):
			t.Rules = append(t.Rules, filepath.Join(dir, name))
		case strings.HasSuffix(name, ".pcap") || strings.HasSuffix(name, ".pcapng"):
			if named {
				continue
			}
			if t.Pcap != "" {
				return nil, fmt.Errorf("%s: more than one capture", dir)
			}
			t.Pcap = filepath.Join(dir, name)
		case name == "suricata.yaml":
			t.Vars = filepath.Join(dir, name)
		}
	}
	if err := t.chooseRules(y.Rules); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if t.Pcap == "" && t.Skip == "" && pcapRequired(y) {
		t.Skip = "No pcap file found"
	}
	return t, nil
}

// Setting returns the value of a "--set key=value" argument.
func (t *Test) Setting(key string) string {
	for i, a := range t.Args {
		if a == "--set" && i+1 < len(t.Args) {
			if k, v, ok := strings.Cut(t.Args[i+1], "="); ok && k == key {
				return v
			}
		}
	}
	return ""
}

// ArgValue returns the argument after flag, or "".
func (t *Test) ArgValue(flag string) string {
	for i, a := range t.Args {
		if a == flag && i+1 < len(t.Args) {
			return t.Args[i+1]
		}
	}
	return ""
}

// HasArg reports whether the test's Suricata arguments include a.
func (t *Test) HasArg(a string) bool {
	for _, x := range t.Args {
		if x == a {
			return true
		}
	}
	return false
}

// IPS reports whether the test runs as an inline IPS: with
// --simulate-ips, or, as suricata-verify's runner adds that argument,
// when the test folder's name contains "ips".
func (t *Test) IPS() bool {
	return t.HasArg("--simulate-ips") || strings.Contains(filepath.Base(t.Dir), "ips")
}

// pcapRequired says whether the runner wants a capture: unless requires
// pcap or the pcap key is false.
func pcapRequired(y testYAML) bool {
	if y.Requires != nil && y.Requires.Pcap != nil && !*y.Requires.Pcap {
		return false
	}
	if b, ok := y.Pcap.(bool); ok && !b {
		return false
	}
	return true
}
