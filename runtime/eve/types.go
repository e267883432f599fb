package eve

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Types is the set of EVE record types written, as in suricata.yaml's
// outputs: eve-log: types: list.
type Types map[string]bool

// Options of the http record type (outputs: eve-log: types: - http:
// dump-all-headers: both, request or response), kept in Types.
const (
	HTTPRequestHeaders  = "http.dump-all-headers.request"
	HTTPResponseHeaders = "http.dump-all-headers.response"
)

// On reports whether records of type name are written.
// The fileinfo records are the files type, the ftp_data records the
// ftp type.
func (t Types) On(name string) bool {
	switch name {
	case "fileinfo":
		name = "files"
	case "ftp_data":
		name = "ftp"
	}
	return t[name]
}

// Any reports whether any of the names is on.
func (t Types) Any(names ...string) bool {
	for _, n := range names {
		if t[n] {
			return true
		}
	}
	return false
}

// AlertsOnly writes alert records only: rulec's default.
func AlertsOnly() Types { return Types{"alert": true} }

// SuricataDefault is the set the default suricata.yaml of Suricata 8
// enables, of the record types rulec writes.
func SuricataDefault() Types {
	return Types{"alert": true, "anomaly": true, "http": true, "dns": true, "tls": true, "ssh": true, "smtp": true, "ftp": true, "pop3": true, "http2": true, "doh2": true, "files": true, "flow": true}
}

// TypesFromYAML reads the record types of the first eve-log output of a
// suricata.yaml (or rulec config) document; ok is false when it has none.
func TypesFromYAML(data []byte) (t Types, ok bool, err error) {
	var doc struct {
		Outputs []map[string]struct {
			Enabled  any   `yaml:"enabled"`
			Ethernet any   `yaml:"ethernet"`
			PcapFile any   `yaml:"pcap-file"`
			Types    []any `yaml:"types"`
		} `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, false, fmt.Errorf("outputs: %w", err)
	}
	for _, o := range doc.Outputs {
		el, found := o["eve-log"]
		if !found || el.Types == nil {
			continue
		}
		t = Types{Ethernet: Yes(el.Ethernet), PcapFile: Yes(el.PcapFile)}
		for _, typ := range el.Types {
			switch x := typ.(type) {
			case string:
				t[x] = true
				if x == "http" {
					t[HTTPBasic] = true // no options: not extended
				}
			case map[string]any:
				for name, opts := range x {
					m, _ := opts.(map[string]any)
					if en, has := m["enabled"]; has && !Yes(en) {
						continue
					}
					t[name] = true
					if name == "alert" {
						for _, opt := range []string{"packet", "payload", "payload-printable", "payload-length", "verdict"} {
							t["alert."+opt] = Yes(m[opt])
						}
						alertMetadataOptions(t, m["metadata"])
					}
					if name == "http" {
						t[HTTPBasic] = !Yes(m["extended"])
						dump, _ := m["dump-all-headers"].(string)
						t[HTTPRequestHeaders] = dump == "both" || dump == "request"
						t[HTTPResponseHeaders] = dump == "both" || dump == "response"
					}
					if name == "drop" {
						t[DropAlerts] = Yes(m["alerts"])
						t[DropFlowsAll] = m["flows"] == "all"
						t[DropVerdict] = Yes(m["verdict"])
					}
				}
			}
		}
		return t, true, nil
	}
	return nil, false, nil
}

// Yes reads a boolean as suricata.yaml writes them (YAML 1.1 or
// Suricata's ConfValIsTrue: yes, true, on or 1, in any case).
func Yes(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int:
		return x == 1
	case string:
		switch strings.ToLower(x) {
		case "yes", "true", "on", "1":
			return true
		}
	}
	return false
}
