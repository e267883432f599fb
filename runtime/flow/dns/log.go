package dns

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket/layers"
	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/runtime/eve"
)

// rrtypeNames are the record types Suricata names (its DNSRecordType),
// by number; the names are also those an eve-log dns output's types list
// takes.
var rrtypeNames = map[uint16]string{1: "a", 2: "ns", 3: "md", 4: "mf", 5: "cname", 6: "soa", 7: "mb", 8: "mg", 9: "mr",
	10: "null", 11: "wks", 12: "ptr", 13: "hinfo", 14: "minfo", 15: "mx", 16: "txt", 17: "rp", 18: "afsdb", 19: "x25",
	20: "isdn", 21: "rt", 22: "nsap", 23: "nsapptr", 24: "sig", 25: "key", 26: "px", 27: "gpos", 28: "aaaa", 29: "loc",
	30: "nxt", 33: "srv", 34: "atma", 35: "naptr", 36: "kx", 37: "cert", 38: "a6", 39: "dname", 41: "opt", 42: "apl",
	43: "ds", 44: "sshfp", 45: "ipseckey", 46: "rrsig", 47: "nsec", 48: "dnskey", 49: "dhcid", 50: "nsec3",
	51: "nsec3param", 52: "tlsa", 55: "hip", 59: "cds", 60: "cdnskey", 65: "https", 99: "spf", 249: "tkey",
	250: "tsig", 254: "maila", 255: "any", 256: "uri"}

// LogConfig is an eve-log dns output's settings (outputs: eve-log:
// types: - dns:); the zero value is Suricata's default: version 3,
// requests and responses, every record type, both answer formats.
type LogConfig struct {
	// Version is the record format: 2 writes a record per question of a
	// request and one per response; any other value version 3.
	Version     int
	NoRequests  bool
	NoResponses bool
	// Types, when not nil, are the record types logged (by the types of
	// a message's questions); a type Suricata does not name never is.
	Types map[layers.DNSType]bool
	// Detailed and Grouped choose the answer formats; both false means
	// both.
	Detailed, Grouped bool
}

// TypeByName is the record type an eve-log dns types entry names.
func TypeByName(name string) (layers.DNSType, bool) {
	name = strings.ToLower(name)
	for n, s := range rrtypeNames {
		if s == name {
			return layers.DNSType(n), true
		}
	}
	return 0, false
}

func (c LogConfig) detailed() bool { return c.Detailed || !c.Grouped }
func (c LogConfig) grouped() bool  { return c.Grouped || !c.Detailed }

func (c LogConfig) rrtype(t layers.DNSType) bool {
	if c.Types == nil {
		return true
	}
	_, named := rrtypeNames[uint16(t)]
	return named && c.Types[t]
}

// anyQuestion reports whether one of m's questions has a logged type.
func (c LogConfig) anyQuestion(m *Message) bool {
	for _, q := range m.Questions {
		if c.rrtype(q.Type) {
			return true
		}
	}
	return false
}

// logs reports whether a version 3 output writes a message.
func (c LogConfig) logs(m *Message, response bool) bool {
	if response && c.NoResponses || !response && c.NoRequests {
		return false
	}
	return c.anyQuestion(m)
}

// Events are the app-layer events the parser raises, Suricata's names.
var Events = []string{"dns.invalid_additionals", "dns.invalid_authorities", "dns.not_a_response", "dns.z_flag_set",
	"dns.invalid_opcode", "dns.name_too_long", "dns.infinite_loop", "dns.too_many_labels"}

// events are the app-layer events Suricata's parser raises on a parsed
// message's transaction.
func (m *Message) events(response bool) []string {
	var ev []string
	add := func(ok bool, name string) {
		if ok {
			ev = append(ev, name)
		}
	}
	for i, ok := range []bool{m.InvalidAdditionals, m.InvalidAuthorities, response && !m.Response, m.Flags&0x40 != 0,
		m.Opcode >= 7, m.nameFlags&nameTruncated != 0, m.nameFlags&nameLoop != 0, m.nameFlags&nameLabelLimit != 0} {
		add(ok, Events[i])
	}
	return ev
}

// LogConfigFrom reads the settings of an eve-log dns entry as YAML
// decodes it (version, requests, responses, types, formats); env is the
// SURICATA_EVE_DNS_VERSION environment, taken when the entry has no
// version. Values Suricata warns about fall back to its defaults.
func LogConfigFrom(opts map[string]any, env string) LogConfig {
	var c LogConfig
	v := env
	if x, ok := opts["version"]; ok {
		v = fmt.Sprint(x)
	}
	if n, err := strconv.Atoi(v); err == nil && n == 2 {
		c.Version = 2
	}
	no := func(key string) bool {
		x, ok := opts[key]
		return ok && !eve.Yes(x)
	}
	c.NoRequests, c.NoResponses = no("requests"), no("responses")
	if list, ok := opts["types"].([]any); ok {
		c.Types = map[layers.DNSType]bool{}
		for _, x := range list {
			if t, ok := TypeByName(fmt.Sprint(x)); ok {
				c.Types[t] = true
			}
		}
	}
	if list, ok := opts["formats"].([]any); ok && !c.NoResponses {
		for _, x := range list {
			switch strings.ToLower(fmt.Sprint(x)) {
			case "detailed":
				c.Detailed = true
			case "grouped":
				c.Grouped = true
			}
		}
	}
	return c
}

// LogConfigFromYAML reads the dns entry of the first eve-log output of a
// suricata.yaml that has one (LogConfigFrom); env as there.
func LogConfigFromYAML(data []byte, env string) (LogConfig, error) {
	var doc struct {
		Outputs []map[string]struct {
			Types []any `yaml:"types"`
		} `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return LogConfig{}, fmt.Errorf("outputs: %w", err)
	}
	for _, o := range doc.Outputs {
		for _, typ := range o["eve-log"].Types {
			if m, ok := typ.(map[string]any); ok {
				if opts, ok := m["dns"]; ok {
					entry, _ := opts.(map[string]any)
					return LogConfigFrom(entry, env), nil
				}
			}
		}
	}
	return LogConfigFrom(nil, env), nil
}
