package verify

import (
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/tls"
)

// DNSLog is the EVE dns output settings the test's Suricata uses: the
// dns entry of its suricata.yaml's first eve-log output that has one,
// with its SURICATA_EVE_DNS_VERSION environment as the version when the
// entry has none.
func (t *Test) DNSLog() (dns.LogConfig, error) {
	env := t.Env["SURICATA_EVE_DNS_VERSION"]
	if t.Vars == "" {
		return dns.LogConfigFrom(nil, env), nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return dns.LogConfig{}, err
	}
	c, err := dns.LogConfigFromYAML(data, env)
	if err != nil {
		return c, fmt.Errorf("%s: %w", t.Vars, err)
	}
	return c, nil
}

// SMTPCustom is the custom list of the test's eve-log smtp type (the
// email fields it logs besides the defaults), space-separated.
func (t *Test) SMTPCustom() (string, error) {
	if t.Vars == "" {
		return "", nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return "", err
	}
	var doc struct {
		Outputs []map[string]struct {
			Types []any `yaml:"types"`
		} `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return "", fmt.Errorf("%s: %w", t.Vars, err)
	}
	var out []string
	for _, o := range doc.Outputs {
		for _, typ := range o["eve-log"].Types {
			m, _ := typ.(map[string]any)
			smtp, _ := m["smtp"].(map[string]any)
			list, _ := smtp["custom"].([]any)
			for _, x := range list {
				out = append(out, fmt.Sprint(x))
			}
		}
	}
	return strings.Join(out, " "), nil
}

// TLSLog is the tls type of the test's eve-log output: its fields, from
// extended, custom and session-resumption; Suricata's default
// suricata.yaml's when the test's has none.
func (t *Test) TLSLog() (tls.LogConfig, error) {
	if t.Vars == "" {
		return tls.DefaultLog(), nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return tls.LogConfig{}, err
	}
	c, _, ok, err := tls.LogFromYAML(data)
	if err != nil {
		return c, fmt.Errorf("%s: %w", t.Vars, err)
	}
	if !ok {
		return tls.DefaultLog(), nil
	}
	return c, nil
}
