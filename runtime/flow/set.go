package flow

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/runtime/defrag"
)

// Settings lists the keys Set takes, with Suricata's names where Suricata
// has the setting.
var Settings = []string{
	"flow.memcap", "flow.max-flows", "flow.emergency-recovery",
	"flow-timeouts.tcp.new", "flow-timeouts.tcp.established", "flow-timeouts.tcp.closed",
	"flow-timeouts.tcp.emergency-new", "flow-timeouts.tcp.emergency-established", "flow-timeouts.tcp.emergency-closed",
	"flow-timeouts.default.new", "flow-timeouts.default.established",
	"flow-timeouts.default.emergency-new", "flow-timeouts.default.emergency-established",
	"stream.memcap", "stream.midstream", "stream.async-oneside", "stream.inline", "stream.midstream-policy", "exception-policy", "stream.reassembly.memcap", "stream.reassembly.depth",
	"stream.reassembly.urgent.policy", "stream.reassembly.urgent.oob-limit-policy",
	"app-layer.protocols.http.memcap", "app-layer.protocols.http.meta-field-limit",
	"app-layer.protocols.http.headers-limit", "app-layer.protocols.http.head-limit",
	"app-layer.protocols.http.body-limit",
	"app-layer.protocols.http.libhtp.default-config.request-body-limit",
	"app-layer.protocols.http.libhtp.default-config.response-body-limit",
	"app-layer.protocols.http.libhtp.default-config.double-decode-path",
	"app-layer.protocols.http.libhtp.default-config.double-decode-query",
	"app-layer.protocols.tls.ja3-fingerprints", "app-layer.protocols.tls.ja4-fingerprints",
	"app-layer.protocols.tls.encryption-handling",
	"app-layer.protocols.ssh.hassh", "app-layer.protocols.ssh.encryption-handling",
	"app-layer.protocols.http2.enabled",
	"app-layer.protocols.smtp.mime.decode-mime", "app-layer.protocols.smtp.mime.decode-base64",
	"app-layer.protocols.smtp.mime.decode-quoted-printable", "app-layer.protocols.smtp.mime.extract-urls",
	"app-layer.protocols.smtp.mime.extract-urls-schemes", "app-layer.protocols.smtp.mime.log-url-scheme",
	"app-layer.protocols.smtp.max-tx", "app-layer.protocols.smtp.inspected-tracker.content-limit",
	"detect.guess-applayer-tx", "detect.stream-tx-log-limit",
	"defrag.memcap", "defrag.timeout", "defrag.trackers", "defrag.max-frags", "defrag.policy",
	"host-os-policy.none", "host-os-policy.bsd", "host-os-policy.bsd-right", "host-os-policy.old-linux",
	"host-os-policy.linux", "host-os-policy.old-solaris", "host-os-policy.solaris", "host-os-policy.hpux10",
	"host-os-policy.hpux11", "host-os-policy.irix", "host-os-policy.macos", "host-os-policy.windows",
	"host-os-policy.vista", "host-os-policy.windows2k3",
	"decoder.teredo.enabled", "decoder.teredo.ports", "decoder.vxlan.enabled", "decoder.vxlan.ports",
	"decoder.geneve.enabled", "decoder.geneve.ports",
}

// Set changes one setting by its key (see Settings): sizes take kb, mb
// and gb suffixes (powers of 1024), timeouts a number of seconds or a Go
// duration.
func (c *Config) Set(key, value string) error {
	value = strings.TrimSpace(value)
	size := func(dst *int) error {
		n, err := ParseSize(value)
		if err == nil {
			*dst = n
		}
		return err
	}
	dur := func(dst *time.Duration) error {
		d, err := parseSeconds(value)
		if err == nil {
			*dst = d
		}
		return err
	}
	var err error
	switch key {
	case "flow.memcap":
		err = size(&c.FlowMemcap)
	case "flow.max-flows":
		err = size(&c.MaxFlows)
	case "flow.emergency-recovery":
		c.EmergencyRecovery, err = strconv.Atoi(value)
		if err == nil && (c.EmergencyRecovery < 1 || c.EmergencyRecovery > 100) {
			err = fmt.Errorf("%d: want a percentage from 1 to 100", c.EmergencyRecovery)
		}
	case "stream.memcap":
		err = size(&c.StreamMemcap)
	case "stream.midstream":
		c.Midstream, err = strconv.ParseBool(value)
	case "stream.async-oneside":
		c.AsyncOneside, err = strconv.ParseBool(value)
	case "stream.inline":
		c.StreamInline, err = inlineSetting(value)
	case "stream.midstream-policy":
		c.MidstreamExceptionPolicy, err = value, checkPolicy(value)
	case "exception-policy":
		c.ExceptionPolicy, err = value, checkPolicy(value)
	case "stream.reassembly.memcap":
		err = size(&c.MaxOutOfOrderTotal)
	case "stream.reassembly.depth":
		err = size(&c.StreamDepth)
	case "stream.reassembly.urgent.policy":
		c.UrgentPolicy, err = parseUrgent(value, false)
	case "stream.reassembly.urgent.oob-limit-policy":
		c.OOBLimit, err = parseUrgent(value, true)
	case "app-layer.protocols.tls.ja3-fingerprints":
		c.JA3, err = parseToggle(value)
	case "app-layer.protocols.tls.ja4-fingerprints":
		c.JA4, err = parseToggle(value)
	case "app-layer.protocols.tls.encryption-handling":
		c.TLSEncryption, err = parseEncryption(value)
	case "app-layer.protocols.ssh.encryption-handling":
		c.SSHEncryption, err = parseEncryption(value)
	case "app-layer.protocols.ssh.hassh":
		c.Hassh, err = parseToggle(value)
	case "app-layer.protocols.http2.enabled":
		var on bool
		on, err = parseBool(value)
		c.HTTP2Off = !on
	case "app-layer.protocols.smtp.mime.decode-mime":
		c.SMTP.DecodeMIME, err = parseBool(value)
	case "app-layer.protocols.smtp.mime.decode-base64":
		c.SMTP.DecodeBase64, err = parseBool(value)
	case "app-layer.protocols.smtp.mime.decode-quoted-printable":
		c.SMTP.DecodeQP, err = parseBool(value)
	case "app-layer.protocols.smtp.mime.extract-urls":
		c.SMTP.ExtractURLs, err = parseBool(value)
	case "app-layer.protocols.smtp.mime.log-url-scheme":
		c.SMTP.LogURLScheme, err = parseBool(value)
	case "app-layer.protocols.smtp.mime.extract-urls-schemes":
		c.SMTP.URLSchemes = urlSchemes(value)
	case "app-layer.protocols.smtp.max-tx":
		err = size(&c.SMTP.MaxTx)
	case "app-layer.protocols.smtp.inspected-tracker.content-limit":
		err = size(&c.SMTP.FileLimit)
	case "app-layer.protocols.http.memcap":
		err = size(&c.HTTPMemcap)
	case "app-layer.protocols.http.meta-field-limit":
		err = size(&c.HTTP.FieldLimit)
	case "app-layer.protocols.http.headers-limit":
		c.HTTP.MaxHeaders, err = strconv.Atoi(value)
	case "app-layer.protocols.http.head-limit":
		err = size(&c.HTTP.MaxHeaderBytes)
	case "app-layer.protocols.http.body-limit":
		err = size(&c.HTTP.BodyLimit)
	case "app-layer.protocols.http.libhtp.default-config.request-body-limit":
		err = size(&c.HTTP.RequestBodyLimit)
	case "app-layer.protocols.http.libhtp.default-config.response-body-limit":
		err = size(&c.HTTP.ResponseBodyLimit)
	case "app-layer.protocols.http.libhtp.default-config.double-decode-path":
		c.HTTP.DoubleDecodePath, err = parseBool(value)
	case "app-layer.protocols.http.libhtp.default-config.double-decode-query":
		c.HTTP.DoubleDecodeQuery, err = parseBool(value)
	case "detect.guess-applayer-tx":
		c.GuessTx, err = parseBool(value)
	case "detect.stream-tx-log-limit":
		c.GuessTxLimit, err = strconv.Atoi(value)
		if err == nil && (c.GuessTxLimit < 0 || c.GuessTxLimit > 255) {
			err = fmt.Errorf("%d: %w", c.GuessTxLimit, ErrGuessLimit)
		}
	case "defrag.memcap":
		err = size(&c.Defrag.Memcap)
	case "defrag.timeout":
		err = dur(&c.Defrag.Timeout)
	case "defrag.trackers":
		err = size(&c.Defrag.MaxTrackers)
	case "defrag.max-frags":
		err = size(&c.Defrag.MaxFragments)
	case "defrag.policy":
		c.Defrag.Policy, err = defrag.ParsePolicy(value)
	default:
		if strings.HasPrefix(key, "decoder.") && slices.Contains(Settings, key) {
			// port variables are those of Suricata's default suricata.yaml
			err = c.Decoder.Set(key, value, vars.Defaults().PortList)
			break
		}
		if name, ok := strings.CutPrefix(key, "host-os-policy."); ok {
			err = c.HostOS.set(name, value)
			break
		}
		to, ok := c.timeout(key)
		if !ok {
			return fmt.Errorf("%q: %w (known: %s)", key, ErrSetting, strings.Join(Settings, ", "))
		}
		err = dur(to)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return nil
}

// timeout returns the timeout a flow-timeouts key names.
func (c *Config) timeout(key string) (*time.Duration, bool) {
	if !slices.Contains(Settings, key) {
		return nil, false
	}
	rest, ok := strings.CutPrefix(key, "flow-timeouts.")
	if !ok {
		return nil, false
	}
	class, phase, _ := strings.Cut(rest, ".")
	to := &c.OtherTimeouts
	if class == "tcp" {
		to = &c.TCPTimeouts
	}
	return map[string]*time.Duration{
		"new": &to.New, "established": &to.Established, "closed": &to.Closed,
		"emergency-new": &to.EmergencyNew, "emergency-established": &to.EmergencyEstablished, "emergency-closed": &to.EmergencyClosed,
	}[phase], true
}

// ParseSize reads a size: a number of bytes with an optional kb, mb or gb
// suffix (kib, mib, gib too; powers of 1024), as Suricata's yaml does.
func ParseSize(s string) (int, error) {
	num := strings.TrimRight(strings.ToLower(strings.TrimSpace(s)), "kmgib")
	unit := strings.ToLower(strings.TrimSpace(s))[len(num):]
	mult := map[string]int{"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}[unit]
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || mult == 0 || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q: %w", s, ErrSize)
	}
	return n * mult, nil
}

func parseSeconds(s string) (time.Duration, error) {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q: %w", s, ErrDuration)
	}
	return d, nil
}

// parseToggle reads yes, no or auto as Suricata's configuration does.
func parseToggle(v string) (Toggle, error) {
	switch strings.ToLower(v) {
	case "auto":
		return Auto, nil
	case "yes", "true", "on", "1":
		return On, nil
	case "no", "false", "off", "0":
		return Off, nil
	}
	return Auto, fmt.Errorf("%q: want yes, no or auto", v)
}

// parseEncryption reads an encryption-handling value; "default" is
// Suricata's deprecated name of track-only.
func parseEncryption(v string) (Encryption, error) {
	switch strings.ToLower(v) {
	case "track-only", "default":
		return TrackOnly, nil
	case "bypass":
		return Bypass, nil
	case "full":
		return Full, nil
	}
	return TrackOnly, fmt.Errorf("%q: want track-only, bypass or full", v)
}

// parseBool reads a yes/no setting as Suricata's configuration does.
func parseBool(v string) (bool, error) {
	t, err := parseToggle(v)
	if err == nil && t == Auto {
		err = fmt.Errorf("%q: want yes or no", v)
	}
	return t == On, err
}

// urlSchemes reads a list of URL schemes ("[http, https]", "http,ftp"),
// each given "://" unless it ends in '/', as Suricata's SMTP
// configuration does.
func urlSchemes(v string) string {
	var out []string
	for _, s := range strings.FieldsFunc(strings.Trim(v, "[]"), func(r rune) bool { return r == ',' || r == ' ' }) {
		if !strings.HasSuffix(s, "/") {
			s += "://"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// inlineSetting reads stream.inline: auto (inline in IPS mode only) or a
// boolean in Suricata's spellings.
func inlineSetting(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "auto", "no", "false", "off", "0":
		return false, nil
	case "yes", "true", "on", "1":
		return true, nil
	}
	return false, fmt.Errorf("%q: want auto, yes or no", v)
}
