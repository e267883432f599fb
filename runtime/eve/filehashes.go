package eve

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/runtime/filehash"
)

// FileHashesFromYAML reads the digests a suricata.yaml forces: the force-hash list
// of an eve-log output's files type and of the file-store output, and
// sha256 when the file store (version 2) is enabled, as it names stored
// files by their sha256.
func FileHashesFromYAML(data []byte) (filehash.Kinds, error) {
	var doc struct {
		Outputs []map[string]map[string]any `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return 0, err
	}
	var k filehash.Kinds
	add := func(list any) error {
		var parts []string
		switch v := list.(type) {
		case nil:
			return nil
		case []any:
			for _, x := range v {
				parts = append(parts, fmt.Sprint(x))
			}
		default:
			parts = append(parts, fmt.Sprint(v))
		}
		got, err := filehash.Parse(strings.Join(parts, ","))
		k |= got
		return err
	}
	for _, o := range doc.Outputs {
		if el, ok := o["eve-log"]; ok && (el["enabled"] == nil || Yes(el["enabled"])) {
			types, _ := el["types"].([]any)
			for _, t := range types {
				if m, ok := t.(map[string]any); ok {
					if files, ok := m["files"].(map[string]any); ok {
						if err := add(files["force-hash"]); err != nil {
							return 0, err
						}
					}
				}
			}
		}
		if fs, ok := o["file-store"]; ok && Yes(fs["enabled"]) && fmt.Sprint(fs["version"]) == "2" {
			k |= filehash.SHA256
			if err := add(fs["force-hash"]); err != nil {
				return 0, err
			}
		}
	}
	return k, nil
}
