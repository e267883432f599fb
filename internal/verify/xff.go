package verify

import (
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/runtime/eve"
)

// XFF reads the X-Forwarded-For setting of the test's EVE alert output
// from its suricata.yaml (outputs: eve-log: types: alert: xff:), or nil.
func (t *Test) XFF() (*eve.XFF, error) {
	if t.Vars == "" {
		return nil, nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Outputs []map[string]struct {
			Types []any `yaml:"types"`
		} `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", t.Vars, err)
	}
	for _, o := range doc.Outputs {
		for _, typ := range o["eve-log"].Types {
			m, _ := typ.(map[string]any)
			alert, _ := m["alert"].(map[string]any)
			x, _ := alert["xff"].(map[string]any)
			if eve.Yes(x["enabled"]) {
				str := func(k string) string { s, _ := x[k].(string); return s }
				return &eve.XFF{Mode: str("mode"), Deployment: str("deployment"), Header: str("header")}, nil
			}
		}
	}
	return nil, nil
}

// Records returns the EVE record types the test's Suricata writes: those
// its suricata.yaml lists, else those of Suricata's default suricata.yaml.
func (t *Test) Records() (eve.Types, error) {
	if t.Vars != "" {
		data, err := os.ReadFile(t.Vars)
		if err != nil {
			return nil, err
		}
		types, ok, err := eve.TypesFromYAML(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Vars, err)
		}
		if ok {
			return types, nil
		}
	}
	types := eve.SuricataDefault()
	types["stats"] = true // the default eve-log's totals, written at the end
	return types, nil
}

// CommunityID reads the community-id settings of the test's eve-log
// output; nil when off.
func (t *Test) CommunityID() (*eve.CommunityID, error) {
	if t.Vars == "" {
		return nil, nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return nil, err
	}
	c, err := eve.CommunityIDFromYAML(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Vars, err)
	}
	return c, nil
}
