package verify

import (
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlSettings are the suricata.yaml keys Settings reads, by dotted path.
var yamlSettings = []string{"exception-policy", "stream.midstream", "stream.midstream-policy",
	"app-layer.protocols.tls.ja3-fingerprints", "app-layer.protocols.tls.ja4-fingerprints", "app-layer.protocols.http2.enabled",
	"app-layer.protocols.tls.encryption-handling",
	"stream.reassembly.urgent.policy", "stream.reassembly.urgent.oob-limit-policy",
	"app-layer.protocols.smtp.mime.decode-mime", "app-layer.protocols.smtp.mime.decode-base64",
	"app-layer.protocols.smtp.mime.decode-quoted-printable", "app-layer.protocols.smtp.mime.extract-urls",
	"app-layer.protocols.smtp.mime.extract-urls-schemes", "app-layer.protocols.smtp.mime.log-url-scheme",
	"app-layer.protocols.http.libhtp.default-config.double-decode-path",
	"app-layer.protocols.http.libhtp.default-config.double-decode-query",
	"app-layer.protocols.http.libhtp.default-config.request-body-limit",
	"app-layer.protocols.http.libhtp.default-config.response-body-limit",
	"detect.guess-applayer-tx", "detect.stream-tx-log-limit",
	"host-os-policy.none", "host-os-policy.bsd", "host-os-policy.bsd-right", "host-os-policy.old-linux",
	"host-os-policy.linux", "host-os-policy.old-solaris", "host-os-policy.solaris", "host-os-policy.hpux10",
	"host-os-policy.hpux11", "host-os-policy.irix", "host-os-policy.macos", "host-os-policy.windows",
	"host-os-policy.vista", "host-os-policy.windows2k3"}

// builtinTimeouts are Suricata's flow timeouts, in seconds, where its
// configuration does not set them (flow-private.h): a test with a
// suricata.yaml of its own runs with them, not with those of the default
// suricata.yaml (rulec's flow.DefaultConfig).
var builtinTimeouts = [][2]string{
	{"flow-timeouts.tcp.new", "30"}, {"flow-timeouts.tcp.established", "300"}, {"flow-timeouts.tcp.closed", "10"},
	{"flow-timeouts.tcp.emergency-new", "10"}, {"flow-timeouts.tcp.emergency-established", "100"},
	{"flow-timeouts.tcp.emergency-closed", "5"},
	{"flow-timeouts.default.new", "30"}, {"flow-timeouts.default.established", "300"},
	{"flow-timeouts.default.emergency-new", "10"}, {"flow-timeouts.default.emergency-established", "100"},
}

// Settings returns the engine settings the test's Suricata runs with, as
// key and value: those of yamlSettings its suricata.yaml sets, and the
// flow timeouts it sets or else Suricata's built-in ones, then its
// "--set key=value" arguments, which override them.
func (t *Test) Settings() ([][2]string, error) {
	var out [][2]string
	if t.Vars != "" {
		data, err := os.ReadFile(t.Vars)
		if err != nil {
			return nil, err
		}
		var doc map[string]any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", t.Vars, err)
		}
		for _, key := range yamlSettings {
			if v, ok := dotted(doc, key); ok {
				out = append(out, [2]string{key, v})
			}
		}
		for _, kv := range builtinTimeouts {
			if v, ok := dotted(doc, kv[0]); ok {
				kv[1] = v
			}
			out = append(out, kv)
		}
	}
	for i, a := range t.Args {
		if a == "--set" && i+1 < len(t.Args) {
			if k, v, ok := strings.Cut(t.Args[i+1], "="); ok {
				out = append(out, [2]string{k, v})
			}
		}
	}
	return out, nil
}

// dotted finds a scalar by its dotted path in a YAML document.
func dotted(doc map[string]any, key string) (string, bool) {
	var cur any = doc
	for _, part := range strings.Split(key, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return "", false
		}
		if cur, ok = m[part]; !ok {
			return "", false
		}
	}
	switch v := cur.(type) {
	case string:
		return v, true
	case bool, int:
		return fmt.Sprint(v), true
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, ","), true
	}
	return "", false
}
