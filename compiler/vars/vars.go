package vars

import (
	"fmt"
	"maps"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Vars maps variable names (without $) to their expression text.
type Vars struct {
	Addr map[string]string
	Port map[string]string
	// Datasets is suricata.yaml's datasets.rules section.
	Datasets DatasetRules
	// Decoder holds suricata.yaml's decoder settings of the UDP
	// encapsulations by key ("decoder.teredo.ports": "$TEREDO_PORTS"),
	// values as written; only the keys the file sets.
	Decoder map[string]string
}

// DatasetRules is what dataset rules may do with files (suricata.yaml's
// datasets.rules); the zero value is Suricata's default.
type DatasetRules struct {
	DenyWrite     bool // allow-write: no: rules with save or state are refused
	AllowAbsolute bool // allow-absolute-filenames: yes: save paths may be absolute
}

// Defaults returns the variables of Suricata's default suricata.yaml.
func Defaults() *Vars {
	v := &Vars{
		Addr: map[string]string{
			"HOME_NET":     "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]",
			"EXTERNAL_NET": "!$HOME_NET",
		},
		Port: map[string]string{
			"HTTP_PORTS":      "80",
			"SHELLCODE_PORTS": "!80",
			"ORACLE_PORTS":    "1521",
			"SSH_PORTS":       "22",
			"DNP3_PORTS":      "20000",
			"MODBUS_PORTS":    "502",
			"FILE_DATA_PORTS": "[$HTTP_PORTS,110,143]",
			"FTP_PORTS":       "21",
			"GENEVE_PORTS":    "6081",
			"VXLAN_PORTS":     "4789",
			"TEREDO_PORTS":    "3544",
			"SIP_PORTS":       "[5060,5061]",
		},
		Decoder: map[string]string{
			"decoder.teredo.enabled": "true", "decoder.teredo.ports": "$TEREDO_PORTS",
			"decoder.vxlan.enabled": "true", "decoder.vxlan.ports": "$VXLAN_PORTS",
			"decoder.geneve.enabled": "true", "decoder.geneve.ports": "$GENEVE_PORTS",
		},
	}
	for _, name := range []string{"HTTP_SERVERS", "SMTP_SERVERS", "SQL_SERVERS", "DNS_SERVERS",
		"TELNET_SERVERS", "AIM_SERVERS", "DC_SERVERS", "DNP3_SERVER", "DNP3_CLIENT",
		"MODBUS_CLIENT", "MODBUS_SERVER", "ENIP_CLIENT", "ENIP_SERVER"} {
		v.Addr[name] = "$HOME_NET"
	}
	return v
}

// yamlFile is the part of suricata.yaml rulec reads.
type yamlFile struct {
	Vars struct {
		AddressGroups map[string]any `yaml:"address-groups"`
		PortGroups    map[string]any `yaml:"port-groups"`
	} `yaml:"vars"`
	Datasets struct {
		Rules struct {
			AllowWrite    any `yaml:"allow-write"`
			AllowAbsolute any `yaml:"allow-absolute-filenames"`
		} `yaml:"rules"`
	} `yaml:"datasets"`
	Decoder map[string]map[string]any `yaml:"decoder"`
}

// yamlBool reads a suricata.yaml boolean (yes/no, true/false, on/off, 1/0);
// ok is false when v is not set.
func yamlBool(v any) (b, ok bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case int:
		return x != 0, true
	case string:
		switch strings.ToLower(x) {
		case "yes", "true", "on", "1":
			return true, true
		case "no", "false", "off", "0":
			return false, true
		}
	}
	return false, false
}

// Parse reads a suricata.yaml-shaped document and returns its variables
// laid over the defaults.
func Parse(data []byte) (*Vars, error) {
	var f yamlFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	v := Defaults()
	if err := merge(v.Addr, f.Vars.AddressGroups); err != nil {
		return nil, err
	}
	if err := merge(v.Port, f.Vars.PortGroups); err != nil {
		return nil, err
	}
	if w, ok := yamlBool(f.Datasets.Rules.AllowWrite); ok {
		v.Datasets.DenyWrite = !w
	}
	v.Datasets.AllowAbsolute, _ = yamlBool(f.Datasets.Rules.AllowAbsolute)
	v.Decoder = decoderSettings(f.Decoder)
	return v, nil
}

// LoadFile reads variables from a suricata.yaml-shaped file.
func LoadFile(path string) (*Vars, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	v, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func merge(dst map[string]string, src map[string]any) error {
	for name, val := range src {
		switch x := val.(type) {
		case string:
			dst[name] = x
		case int:
			dst[name] = fmt.Sprint(x)
		default:
			return fmt.Errorf("variable %s: want a string, got %T", name, val)
		}
	}
	return nil
}

// Clone returns a deep copy of v.
func (v *Vars) Clone() *Vars {
	return &Vars{Addr: maps.Clone(v.Addr), Port: maps.Clone(v.Port), Datasets: v.Datasets, Decoder: maps.Clone(v.Decoder)}
}
