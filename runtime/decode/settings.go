package decode

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Settings lists the suricata.yaml keys Set takes.
var Settings = []string{
	"decoder.teredo.enabled", "decoder.teredo.ports",
	"decoder.vxlan.enabled", "decoder.vxlan.ports",
	"decoder.geneve.enabled", "decoder.geneve.ports",
}

// NewConfig is the configuration Suricata's DecodeTeredoConfig,
// DecodeVXLANConfig and DecodeGeneveConfig read from settings (keys of
// Settings, values as written in suricata.yaml): a key it does not set
// keeps Suricata's built-in value (Teredo on every port, VXLAN on 4789,
// Geneve on 6081). ports is as for Set.
func NewConfig(settings map[string]string, ports func(string) ([]uint16, error)) (Config, error) {
	c := builtinConfig()
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		if err := c.Set(k, settings[k], ports); err != nil {
			return Config{}, err
		}
	}
	return c, nil
}

// Set changes one setting by its key (see Settings), as Suricata reads
// it: an enabled value other than yes, true, on or 1 disables the
// decoder; an empty ports value keeps the ports; Teredo's ports may be
// "any". ports reads a port expression into the ports Suricata's
// DetectPortParse list gives the decoders (the first port of each
// entry); the lowest MaxTunnelPorts of them are kept.
func (c *Config) Set(key, value string, ports func(string) ([]uint16, error)) error {
	name, field, _ := strings.Cut(strings.TrimPrefix(key, "decoder."), ".")
	t := map[string]*TunnelPorts{"teredo": &c.Teredo, "vxlan": &c.VXLAN, "geneve": &c.Geneve}[name]
	if t == nil || !strings.HasPrefix(key, "decoder.") || field != "enabled" && field != "ports" {
		return fmt.Errorf("%q: %w (known: %s)", key, ErrSetting, strings.Join(Settings, ", "))
	}
	value = strings.TrimSpace(value)
	switch {
	case field == "enabled":
		t.Off = !isTrue(value)
	case value == "":
	case name == "teredo" && value == "any":
		t.Any, t.Ports = true, nil
	default:
		list, err := ports(value)
		if err != nil {
			return fmt.Errorf("%s %q: %w", key, value, err)
		}
		slices.Sort(list)
		list = slices.Compact(list)
		t.Any, t.Ports = false, list[:min(len(list), MaxTunnelPorts)]
	}
	return nil
}

// isTrue is Suricata's SCConfValIsTrue.
func isTrue(v string) bool {
	switch strings.ToLower(v) {
	case "1", "yes", "true", "on":
		return true
	}
	return false
}
