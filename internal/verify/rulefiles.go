package verify

import (
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// chooseRules narrows the test's rule files as the runner does: a rules:
// key names the one file (empty: none); a lone file named
// min<version>.rules is loaded only by a build of at least that version.
func (t *Test) chooseRules(key yaml.Node) error {
	switch {
	case key.Kind == 0:
	case key.Tag == "!!null" || key.Value == "":
		t.Rules = nil
	case key.Kind == yaml.ScalarNode:
		t.Rules = []string{filepath.Join(t.Dir, key.Value)}
	default:
		return fmt.Errorf("rules: %w", ErrBadTest)
	}
	if len(t.Rules) != 1 {
		return nil
	}
	name := filepath.Base(t.Rules[0])
	if !strings.HasPrefix(name, "min") || !strings.HasSuffix(name, ".rules") {
		return nil
	}
	v, err := parseVersion(strings.TrimSuffix(strings.TrimPrefix(name, "min"), ".rules"), 0)
	if err != nil {
		return nil // not a version: an ordinary name
	}
	if compareVersion(Build.Version, v) < 0 {
		t.Rules = nil
	}
	return nil
}
