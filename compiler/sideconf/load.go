package sideconf

import (
	"fmt"
	"os"

	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
	"go.yaml.in/yaml/v3"
)

// Paths name the side files; "" means none.
type Paths struct {
	Classification string // classification-file
	Reference      string // reference-config-file
	Threshold      string // threshold-file
}

// PathsFromYAML reads the side files' keys of a suricata.yaml document.
// Paths are used as given, as Suricata does.
func PathsFromYAML(data []byte) (Paths, error) {
	var f struct {
		Classification string `yaml:"classification-file"`
		Reference      string `yaml:"reference-config-file"`
		Threshold      string `yaml:"threshold-file"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return Paths{}, err
	}
	return Paths(f), nil
}

// Override returns p with the non-empty paths of o in place of its own.
func (p Paths) Override(o Paths) Paths {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&p.Classification, o.Classification}, {&p.Reference, o.Reference}, {&p.Threshold, o.Threshold},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	return p
}

// Files is what the side files give a compilation.
type Files struct {
	Classes    map[string]Class // nil: Suricata's default classification.config
	References map[string]string
	Threshold  []Directive
	Diags      *diag.List // the side files' bad lines
}

// Load reads and parses the files p names; suppress addresses resolve
// with v. The error is an unreadable file; bad lines are in Diags.
func Load(p Paths, v *vars.Vars) (*Files, error) {
	f := &Files{Diags: &diag.List{}}
	read := func(path string, parse func([]byte) *diag.List) error {
		if path == "" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("side file: %w", err)
		}
		f.Diags.Merge(parse(src))
		return nil
	}
	if err := read(p.Classification, func(src []byte) (ds *diag.List) {
		f.Classes, ds = ParseClassification(p.Classification, src)
		return ds
	}); err != nil {
		return nil, err
	}
	if err := read(p.Reference, func(src []byte) (ds *diag.List) {
		f.References, ds = ParseReference(p.Reference, src)
		return ds
	}); err != nil {
		return nil, err
	}
	if err := read(p.Threshold, func(src []byte) (ds *diag.List) {
		f.Threshold, ds = ParseThreshold(p.Threshold, src, vars.NewResolver(v))
		return ds
	}); err != nil {
		return nil, err
	}
	return f, nil
}
