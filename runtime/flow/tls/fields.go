package tls

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/runtime/eve"
)

// Fields are the fields of the EVE tls record, as Suricata's eve-log tls
// type chooses them (output-json-tls.c).
type Fields uint32

const (
	FieldVersion Fields = 1 << iota
	FieldSubject
	FieldIssuer
	FieldSerial
	FieldFingerprint
	FieldNotBefore
	FieldNotAfter
	FieldSNI
	FieldCertificate
	FieldChain
	FieldSessionResumed
	FieldJA3
	FieldJA3S
	FieldClient
	FieldClientCert
	FieldClientChain
	FieldJA4
	FieldSAN
	FieldClientALPNs
	FieldServerALPNs
	FieldClientHandshake
	FieldServerHandshake
)

// fieldNames are the names of the tls type's custom list.
var fieldNames = map[string]Fields{
	"version": FieldVersion, "subject": FieldSubject, "issuer": FieldIssuer, "serial": FieldSerial,
	"fingerprint": FieldFingerprint, "not_before": FieldNotBefore, "not_after": FieldNotAfter, "sni": FieldSNI,
	"certificate": FieldCertificate, "chain": FieldChain, "session_resumed": FieldSessionResumed,
	"ja3": FieldJA3, "ja3s": FieldJA3S, "client": FieldClient, "client_certificate": FieldClientCert,
	"client_chain": FieldClientChain, "ja4": FieldJA4, "subjectaltname": FieldSAN,
	"client_alpns": FieldClientALPNs, "server_alpns": FieldServerALPNs,
	"client_handshake": FieldClientHandshake, "server_handshake": FieldServerHandshake,
}

const (
	// BasicFields are logged without extended or custom.
	BasicFields = FieldSubject | FieldIssuer | FieldSAN
	// ExtendedFields are logged with extended: yes, and in alerts' tls
	// metadata.
	ExtendedFields = BasicFields | FieldVersion | FieldSerial | FieldFingerprint | FieldNotBefore |
		FieldNotAfter | FieldJA3 | FieldJA3S | FieldJA4 | FieldClient | FieldClientALPNs |
		FieldServerALPNs | FieldSNI
	// DefaultFields are those of Suricata's default suricata.yaml
	// (extended: yes, session resumption logged).
	DefaultFields = ExtendedFields | FieldSessionResumed
)

// LogConfig is how the tls record is written: its fields, and whether a
// resumed session without certificate gets one (session-resumption).
type LogConfig struct {
	Fields         Fields
	SessionResumed bool
}

// DefaultLog is the tls type of Suricata's default suricata.yaml.
func DefaultLog() LogConfig { return LogConfig{Fields: DefaultFields, SessionResumed: true} }

// ParseLog reads the options of an eve-log tls type: extended, custom
// (which replaces the field set; names it does not know are returned) and
// session-resumption (on unless set false).
func ParseLog(opts map[string]any) (c LogConfig, unknown []string) {
	c.Fields = BasicFields
	if eve.Yes(opts["extended"]) {
		c.Fields = ExtendedFields
	}
	if custom, ok := opts["custom"].([]any); ok {
		c.Fields = 0
		for _, x := range custom {
			name := fmt.Sprint(x)
			f, ok := fieldNames[strings.ToLower(name)]
			if !ok {
				unknown = append(unknown, name)
			}
			c.Fields |= f
		}
	}
	if v, set := opts["session-resumption"]; !set || eve.Yes(v) {
		c.Fields |= FieldSessionResumed
		c.SessionResumed = true
	}
	if c.Fields&(FieldClientCert|FieldClientChain) != 0 {
		c.Fields |= FieldClient
	}
	return c, unknown
}

// LogFromYAML reads the tls type of the first eve-log output of a
// suricata.yaml that has one; ok is false when none has.
func LogFromYAML(data []byte) (c LogConfig, unknown []string, ok bool, err error) {
	var doc struct {
		Outputs []map[string]struct {
			Types []any `yaml:"types"`
		} `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return c, nil, false, fmt.Errorf("outputs: %w", err)
	}
	for _, o := range doc.Outputs {
		for _, typ := range o["eve-log"].Types {
			m, _ := typ.(map[string]any)
			if t, found := m["tls"]; found {
				opts, _ := t.(map[string]any)
				c, unknown = ParseLog(opts)
				return c, unknown, true, nil
			}
		}
	}
	return c, nil, false, nil
}
