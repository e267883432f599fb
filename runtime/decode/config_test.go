package decode

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

// plainPorts reads a list of port numbers: the port expression reader
// NewConfig and Set are given (compiler/vars.PortList resolves variables
// and ranges).
func plainPorts(s string) ([]uint16, error) {
	var out []uint16
	for _, f := range strings.FieldsFunc(strings.Trim(s, "[]"), func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.ParseUint(f, 10, 16)
		if err != nil {
			return nil, err
		}
		out = append(out, uint16(n))
	}
	return out, nil
}

func mustConfig(t *testing.T, settings map[string]string) *Config {
	t.Helper()
	c, err := NewConfig(settings, plainPorts)
	if err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestTunnelPortConfig: the UDP encapsulations are decoded on the ports
// the decoder configuration gives them, as Suricata's DecodeTeredoConfig,
// DecodeVXLANConfig and DecodeGeneveConfig set them: with the default
// suricata.yaml Teredo only from or to 3544; with a suricata.yaml without
// decoder settings Teredo on every port (the Teredo of
// decode-teredo-01's capture, server port 32900); never when disabled;
// VXLAN and Geneve on their configured ports instead of the IANA ones.
func TestTunnelPortConfig(t *testing.T) {
	inner := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Proto: 1, IType: 8, Payload: []byte("ping")})
	vxlan := append([]byte{0x08, 0, 0, 0, 0, 0, 0x7b, 0}, inner...)
	geneve := append([]byte{0, 0, 0x08, 0x00, 0, 0, 0x7b, 0}, inner[ethHeaderLen:]...)
	// a VXLAN header with a group policy flag (byte 1), which Suricata 8
	// takes and Geneve's reserved bits refuse
	vxlanGBP := append([]byte{0x88, 0x01, 0x12, 0x34, 0, 0, 0x7b, 0}, inner...)
	inner6 := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("2001::1"), Dst: netip.MustParseAddr("2001:4860::68"), Proto: 58, IType: 128, Payload: []byte("ping")})
	teredo := inner6[ethHeaderLen:]

	def := DefaultConfig()
	none := mustConfig(t, nil)
	teredoOff := mustConfig(t, map[string]string{"decoder.teredo.enabled": "false", "decoder.teredo.ports": "any"})
	teredoPorts := mustConfig(t, map[string]string{"decoder.teredo.enabled": "yes", "decoder.teredo.ports": "[5000, 3544]"})
	teredoAny := mustConfig(t, map[string]string{"decoder.teredo.ports": "any"})
	moved := mustConfig(t, map[string]string{"decoder.vxlan.ports": "8472", "decoder.geneve.ports": "[6081,7000]"})
	off := mustConfig(t, map[string]string{"decoder.vxlan.enabled": "no", "decoder.geneve.enabled": "off"})
	shared := mustConfig(t, map[string]string{"decoder.vxlan.ports": "7000", "decoder.geneve.ports": "7000"})
	for _, c := range []struct {
		name         string
		cfg          *Config
		sport, dport uint16
		payload      []byte
		via          Via
	}{
		{"default: teredo off 3544 is not", &def, 32900, 3797, teredo, ViaNone},
		{"default: teredo to 3544", &def, 3797, 3544, teredo, ViaTeredo},
		{"no decoder settings: teredo on any port", none, 32900, 3797, teredo, ViaTeredo},
		{"no decoder settings: vxlan on 4789", none, 40000, 4789, vxlan, ViaVXLAN},
		{"no decoder settings: geneve on 6081", none, 6081, 40000, geneve, ViaGeneve},
		{"teredo disabled", teredoOff, 3797, 3544, teredo, ViaNone},
		{"teredo on a listed port", teredoPorts, 5000, 40000, teredo, ViaTeredo},
		{"teredo off the listed ports", teredoPorts, 32900, 3797, teredo, ViaNone},
		{"teredo ports any", teredoAny, 32900, 3797, teredo, ViaTeredo},
		{"vxlan on its configured port", moved, 40000, 8472, vxlan, ViaVXLAN},
		{"vxlan not from its configured port", moved, 8472, 40000, vxlan, ViaNone},
		{"vxlan not on 4789 once configured elsewhere", moved, 40000, 4789, vxlan, ViaNone},
		{"geneve on its second port", moved, 7000, 40000, geneve, ViaGeneve},
		{"vxlan disabled", off, 40000, 4789, vxlan, ViaNone},
		{"geneve disabled", off, 40000, 6081, geneve, ViaNone},
		{"vxlan with group policy bits", &def, 40000, 4789, vxlanGBP, ViaVXLAN},
		{"vxlan after geneve refuses the header on a shared port", shared, 40000, 7000, vxlanGBP, ViaVXLAN},
		{"geneve takes a header it accepts on a shared port, without an inner packet", shared, 40000, 7000, vxlan, ViaNone},
		{"geneve first on a shared port", shared, 40000, 7000, geneve, ViaGeneve},
	} {
		var p Packet
		if err := c.cfg.Decode(udpFrame(c.sport, c.dport, c.payload), &p); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.Tunnel.Via != c.via {
			t.Errorf("%s: via %d, want %d", c.name, p.Tunnel.Via, c.via)
		}
	}
}

// TestTunnelSettings: Set reads Suricata's values and refuses other keys;
// at most four ports are kept, the lowest, as DetectPortParse sorts them.
func TestTunnelSettings(t *testing.T) {
	c := DefaultConfig()
	if err := c.Set("decoder.teredo.ports", "[9,8,7,6,5]", plainPorts); err != nil {
		t.Fatal(err)
	}
	if got := c.Teredo.Ports; len(got) != MaxTunnelPorts || got[0] != 5 || got[3] != 8 {
		t.Errorf("ports %v, want the lowest four", got)
	}
	if err := c.Set("decoder.teredo.enabled", "maybe", plainPorts); err != nil || !c.Teredo.Off {
		t.Errorf("enabled: maybe: %v, off %v; want disabled as Suricata's SCConfValIsTrue", err, c.Teredo.Off)
	}
	if err := c.Set("decoder.teredo.enabled", "TRUE", plainPorts); err != nil || c.Teredo.Off {
		t.Errorf("enabled: TRUE: %v, off %v; want enabled", err, c.Teredo.Off)
	}
	if err := c.Set("decoder.vxlan.ports", "", plainPorts); err != nil || len(c.VXLAN.Ports) != 1 || c.VXLAN.Ports[0] != 4789 {
		t.Errorf("empty ports: %v, %v; want 4789 kept", err, c.VXLAN.Ports)
	}
	for _, k := range []string{"decoder.gre.enabled", "decoder.vxlan.reserved", "teredo.ports"} {
		if err := c.Set(k, "1", plainPorts); !errors.Is(err, ErrSetting) {
			t.Errorf("%s: %v, want ErrSetting", k, err)
		}
	}
	if err := c.Set("decoder.geneve.ports", "x", plainPorts); err == nil || !strings.Contains(err.Error(), "decoder.geneve.ports") {
		t.Errorf("bad ports: %v, want an error naming the key", err)
	}
}
