package verify

import (
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

// DefaultEVEFile is the file an eve-log output writes when it names none.
const DefaultEVEFile = "eve.json"

// Outputs returns, for each eve-log output of the test's suricata.yaml,
// its file name and a suricata.yaml document holding that output alone,
// for the readers of output settings (eve.TypesFromYAML, ...). Empty
// without a suricata.yaml or eve-log outputs.
func (t *Test) Outputs() (map[string][]byte, error) {
	if t.Vars == "" {
		return nil, nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Outputs []map[string]map[string]any `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", t.Vars, err)
	}
	out := map[string][]byte{}
	for _, o := range doc.Outputs {
		el, ok := o["eve-log"]
		if !ok {
			continue
		}
		name, _ := el["filename"].(string)
		if name == "" {
			name = DefaultEVEFile
		}
		if _, dup := out[name]; dup {
			continue
		}
		one, err := yaml.Marshal(map[string]any{"outputs": []any{map[string]any{"eve-log": el}}})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Vars, err)
		}
		out[name] = one
	}
	return out, nil
}
