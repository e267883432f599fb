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

// FileStoreConfig is the file-store output (version 2) of a suricata.yaml.
type FileStoreConfig struct {
	Dir       string // as written ("filestore" when unset), relative to the log directory
	Force     bool   // force-filestore
	WriteInfo bool   // write-fileinfo
	// StreamDepth is stream-depth as written ("no", a size), empty
	// when unset.
	StreamDepth string
}

// FileStoreFromYAML reads the enabled file-store v2 output, ok false when
// there is none.
func FileStoreFromYAML(data []byte) (c FileStoreConfig, ok bool, err error) {
	var doc struct {
		Outputs []map[string]map[string]any `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return c, false, err
	}
	for _, o := range doc.Outputs {
		fs, found := o["file-store"]
		if !found || !Yes(fs["enabled"]) || fmt.Sprint(fs["version"]) != "2" {
			continue
		}
		c.Dir, _ = fs["dir"].(string)
		if c.Dir == "" {
			c.Dir = "filestore"
		}
		c.Force, c.WriteInfo = Yes(fs["force-filestore"]), Yes(fs["write-fileinfo"])
		if d, ok := fs["stream-depth"]; ok && d != nil {
			c.StreamDepth = fmt.Sprint(d)
		}
		return c, true, nil
	}
	return c, false, nil
}
