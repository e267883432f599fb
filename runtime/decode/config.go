package decode

// MaxTunnelPorts is how many ports each UDP encapsulation is decoded on
// (Suricata's TEREDO_MAX_PORTS, VXLAN_MAX_PORTS and GENEVE_MAX_PORTS).
const MaxTunnelPorts = 4

// TunnelPorts says on which UDP ports an encapsulation is decoded.
type TunnelPorts struct {
	Off   bool     // the decoder is disabled (enabled: false)
	Any   bool     // every port (Teredo without a port list)
	Ports []uint16 // at most MaxTunnelPorts
}

// Config is the decoder's configuration: suricata.yaml's decoder.teredo,
// decoder.vxlan and decoder.geneve. Teredo and Geneve are decoded when
// either port is one of theirs, VXLAN when the destination port is.
type Config struct {
	Teredo, VXLAN, Geneve TunnelPorts
}

// Suricata's default ports of the UDP encapsulations.
const (
	teredoPort = 3544
	vxlanPort  = 4789
	genevePort = 6081
)

// DefaultConfig is what Suricata's default suricata.yaml configures:
// Teredo on port 3544 ($TEREDO_PORTS), VXLAN on 4789, Geneve on 6081. It
// is the configuration of a run without a suricata.yaml.
func DefaultConfig() Config {
	return Config{
		Teredo: TunnelPorts{Ports: []uint16{teredoPort}},
		VXLAN:  TunnelPorts{Ports: []uint16{vxlanPort}},
		Geneve: TunnelPorts{Ports: []uint16{genevePort}},
	}
}

// builtinConfig is Suricata's configuration when suricata.yaml has no
// decoder settings: Teredo on every UDP port, VXLAN and Geneve on their
// IANA ports.
func builtinConfig() Config {
	c := DefaultConfig()
	c.Teredo = TunnelPorts{Any: true}
	return c
}

var defaultConfig = DefaultConfig()

// On reports whether the encapsulation is decoded for a datagram from
// port sp to port dp, by either port.
func (t *TunnelPorts) On(sp, dp uint16) bool {
	return !t.Off && (t.Any || t.has(sp) || t.has(dp))
}

// OnDest reports whether the encapsulation is decoded for a datagram to
// port dp (VXLAN's test, by the destination port only).
func (t *TunnelPorts) OnDest(dp uint16) bool { return !t.Off && (t.Any || t.has(dp)) }

func (t *TunnelPorts) has(port uint16) bool {
	for _, p := range t.Ports {
		if p == port {
			return true
		}
	}
	return false
}

// Decode decodes frame into p, as the package's Decode, with c's UDP
// encapsulations.
func (c *Config) Decode(frame []byte, p *Packet) error {
	*p = Packet{Frame: frame, cfg: c}
	return p.decode()
}
