package ftw

import (
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

// Overrides replace the expected output of listed tests, as a go-ftw
// platform override file (CRS's meta/*-overrides.yaml) does. An entry
// without output changes nothing.
type Overrides map[[2]int]Output

type overrideFile struct {
	TestOverrides []struct {
		RuleID  int     `yaml:"rule_id"`
		TestIDs []int   `yaml:"test_ids"`
		Output  *Output `yaml:"output"`
	} `yaml:"test_overrides"`
}

// LoadOverrides reads a platform override file.
func LoadOverrides(path string) (Overrides, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f overrideFile
	if err := yaml.Unmarshal(src, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	o := Overrides{}
	for _, t := range f.TestOverrides {
		if t.Output == nil {
			continue
		}
		for _, id := range t.TestIDs {
			o[[2]int{t.RuleID, id}] = *t.Output
		}
	}
	return o, nil
}

func (o Overrides) lookup(rule, test int) (Output, bool) {
	out, ok := o[[2]int{rule, test}]
	return out, ok
}
