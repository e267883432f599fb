package live

import (
	"bytes"
	"fmt"
	"maps"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/runtime/flow"

	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/runtime/attach"
	"github.com/rulec/rulec/runtime/block"
	"github.com/rulec/rulec/runtime/eve"
)

// File is a live-run configuration file (see the package documentation).
type File struct {
	Interface   string                   `yaml:"interface"`
	Direction   string                   `yaml:"direction"`
	Attach      string                   `yaml:"attach"`
	EVE         string                   `yaml:"eve"`
	EVEType     string                   `yaml:"eve_type"`
	Pin         bool                     `yaml:"pin"`
	PinDir      string                   `yaml:"pin_dir"`
	EVEFacility string                   `yaml:"eve_facility"`
	Stats       time.Duration            `yaml:"stats"`
	RingSize    string                   `yaml:"ring_size"`
	MetricsAddr string                   `yaml:"metrics_addr"`
	Control     string                   `yaml:"control"`
	Severity    map[int]string           `yaml:"severity"`
	Thresholds  map[string]FileThreshold `yaml:"thresholds"`
	Allow       []string                 `yaml:"allow"`
	Block       []string                 `yaml:"block"`
	PortBlocks  []string                 `yaml:"port_blocks"`
	// Set holds flow tracker settings by Suricata-style key (memcaps,
	// flow timeouts, HTTP limits; see flow.Settings).
	Set map[string]string `yaml:"set"`
	// Vars are the rule variables of the file's vars: section, over the
	// defaults; nil when the file has none.
	Vars *vars.Vars `yaml:"-"`
}

// ApplySettings applies the file's set: entries to c, in key order.
func (f *File) ApplySettings(c *flow.Config) error {
	for _, k := range slices.Sorted(maps.Keys(f.Set)) {
		if err := c.Set(k, f.Set[k]); err != nil {
			return fmt.Errorf("set: %w", err)
		}
	}
	return nil
}

// FileThreshold is one severity's entry under thresholds:.
type FileThreshold struct {
	Count  int           `yaml:"count"`
	Window time.Duration `yaml:"window"`
	TTL    time.Duration `yaml:"ttl"`
}

// LoadFile reads a configuration file.
func LoadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var raw struct {
		File `yaml:",inline"`
		Vars yaml.Node `yaml:"vars"`
	}
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f := raw.File
	if !raw.Vars.IsZero() {
		if f.Vars, err = vars.Parse(data); err != nil {
			return nil, fmt.Errorf("%s: vars: %w", path, err)
		}
	}
	return &f, nil
}

// Apply lays the file's settings under cfg: what cfg already sets (from
// flags) stays.
func (f *File) Apply(cfg *Config) error {
	if cfg.Iface == "" {
		cfg.Iface = f.Interface
	}
	if cfg.Direction == 0 && f.Direction != "" {
		d, err := attach.ParseDirection(f.Direction)
		if err != nil {
			return err
		}
		cfg.Direction = d
	}
	if cfg.Attach == "" {
		cfg.Attach = attach.Mode(f.Attach)
	}
	cfg.Pin = cfg.Pin || f.Pin
	if cfg.PinDir == "" {
		cfg.PinDir = f.PinDir
	}
	if cfg.RingSize == 0 && f.RingSize != "" {
		n, err := ParseRingSize(f.RingSize)
		if err != nil {
			return err
		}
		cfg.RingSize = n
	}
	if cfg.Severity == nil && len(f.Severity) > 0 {
		var items []string
		for p, name := range f.Severity {
			items = append(items, strconv.Itoa(p)+"="+name)
		}
		sev, err := eve.ParseSeverity(strings.Join(items, ","))
		if err != nil {
			return err
		}
		cfg.Severity = sev
	}
	for name, t := range f.Thresholds {
		if _, set := cfg.Thresholds[name]; set {
			continue
		}
		th, err := threshold(name, t.Count, t.Window, t.TTL)
		if err != nil {
			return err
		}
		if cfg.Thresholds == nil {
			cfg.Thresholds = map[string]block.Threshold{}
		}
		cfg.Thresholds[name] = th
	}
	for _, l := range []struct {
		items []string
		to    *[]netip.Prefix
	}{{f.Allow, &cfg.Allow}, {f.Block, &cfg.Block}} {
		ps, err := ParsePrefixes(l.items)
		if err != nil {
			return err
		}
		*l.to = append(*l.to, ps...)
	}
	for _, s := range f.PortBlocks {
		pbs, err := ParsePortBlock(s)
		if err != nil {
			return err
		}
		cfg.PortBlocks = append(cfg.PortBlocks, pbs...)
	}
	return nil
}

func threshold(severity string, count int, window, ttl time.Duration) (block.Threshold, error) {
	switch severity {
	case "critical", "high", "medium", "low":
	default:
		return block.Threshold{}, fmt.Errorf("threshold for %q: want critical, high, medium or low", severity)
	}
	if count < 1 || window <= 0 || ttl <= 0 {
		return block.Threshold{}, fmt.Errorf("threshold for %s: want a count of at least 1, a window and a ttl", severity)
	}
	return block.Threshold{Count: count, Window: window, TTL: ttl}, nil
}

// ParseThreshold reads SEVERITY=COUNT/WINDOW/TTL, e.g. "high=5/60s/10m".
func ParseThreshold(s string) (string, block.Threshold, error) {
	name, spec, _ := strings.Cut(s, "=")
	parts := strings.Split(spec, "/")
	if len(parts) != 3 {
		return "", block.Threshold{}, fmt.Errorf("threshold %q: want SEVERITY=COUNT/WINDOW/TTL", s)
	}
	count, err := strconv.Atoi(parts[0])
	if err != nil {
		return "", block.Threshold{}, fmt.Errorf("threshold %q: count: %w", s, err)
	}
	window, err := time.ParseDuration(parts[1])
	if err != nil {
		return "", block.Threshold{}, fmt.Errorf("threshold %q: window: %w", s, err)
	}
	ttl, err := time.ParseDuration(parts[2])
	if err != nil {
		return "", block.Threshold{}, fmt.Errorf("threshold %q: ttl: %w", s, err)
	}
	t, err := threshold(name, count, window, ttl)
	return name, t, err
}

// ParsePrefixes reads addresses and prefixes.
func ParsePrefixes(items []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range items {
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// ParsePortBlock reads PROTO/PORT with PROTO tcp, udp or any (both).
func ParsePortBlock(s string) ([]PortBlock, error) {
	proto, portText, ok := strings.Cut(s, "/")
	port, err := strconv.ParseUint(portText, 10, 16)
	if !ok || err != nil {
		return nil, fmt.Errorf("port block %q: want tcp/PORT, udp/PORT or any/PORT", s)
	}
	p := uint16(port)
	switch proto {
	case "tcp":
		return []PortBlock{{6, p}}, nil
	case "udp":
		return []PortBlock{{17, p}}, nil
	case "any":
		return []PortBlock{{6, p}, {17, p}}, nil
	}
	return nil, fmt.Errorf("port block %q: protocol %q: want tcp, udp or any", s, proto)
}
