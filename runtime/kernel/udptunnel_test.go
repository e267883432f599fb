package kernel

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/refeval"
)

// testPorts lists the ports udpTunnelPayload's datagrams use: the
// default ones of Teredo, VXLAN and Geneve, the moved ones of the
// configurations below and others.
var testPorts = []uint16{3544, 4789, 6081, 8472, 7000, 32900, 53, 1024}

// udpTunnelPayload returns a UDP payload that is, or nearly is, a Teredo,
// VXLAN or Geneve encapsulation: valid, or with one byte changed, or cut.
func udpTunnelPayload(r *rand.Rand) []byte {
	ipv6 := func(plen int) []byte {
		h := make([]byte, 40+plen)
		h[0], h[6], h[7] = 0x60, []byte{58, 0, 17}[r.IntN(3)], byte(r.IntN(3))*32
		binary.BigEndian.PutUint16(h[4:], uint16(plen))
		return h
	}
	eth := func(et uint16) []byte {
		f := make([]byte, 14+20)
		binary.BigEndian.PutUint16(f[12:], et)
		f[14] = 0x45
		return f
	}
	ets := []uint16{0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x9100, 0x6558, 0x1234}
	var p []byte
	switch r.IntN(4) {
	case 0: // Teredo, with an origin indication or not
		p = ipv6(r.IntN(24))
		if r.IntN(2) == 0 {
			p = append([]byte{0, 0, 1, 2, 3, 4, 5, 6}, p...)
		}
	case 1: // VXLAN
		p = append([]byte{0x08, 0, 0, 0, 0, 0, 7, 0}, eth(ets[r.IntN(len(ets))])...)
	case 2: // Geneve, with options
		nopt := r.IntN(3)
		p = []byte{byte(nopt * 2), 0, 0, 0, 0, 0, 7, 0}
		binary.BigEndian.PutUint16(p[2:], ets[r.IntN(len(ets))])
		for range nopt {
			p = append(p, 0, 1, 2, 1, 0, 0, 0, 0) // one 4-byte option with 4 bytes of data
		}
		p = append(p, eth(0x0800)[14:]...)
	default:
		p = make([]byte, r.IntN(64))
		for i := range p {
			p[i] = byte(r.IntN(256))
		}
	}
	switch r.IntN(4) {
	case 0:
		if len(p) > 0 {
			p[r.IntN(min(len(p), 24))] ^= byte(1 << r.IntN(8))
		}
	case 1:
		p = p[:r.IntN(len(p)+1)]
	}
	return p
}

// TestUDPTunnelsAgree runs UDP datagrams that are, or nearly are,
// Teredo, VXLAN or Geneve encapsulations on their default and other
// ports through the classifier and the reference evaluator under several
// decoder configurations (the default suricata.yaml's; one without
// decoder settings, Teredo on every port; moved and shared ports;
// disabled decoders): they agree on every frame, and a datagram is
// copied up for a tunnel exactly when the userspace decoder, under the
// same configuration, finds the packet it carries, so no tunnel is lost
// live; a pass rule keeps the copy.
func TestUDPTunnelsAgree(t *testing.T) {
	rules := append(slices.Clone(validityRules), rule{Slot: slot(8, kernelgen.ActPass), protos: udp, dports: port(7000)})
	tb := build(rules)
	set := func(kv ...string) decode.Config {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		c, err := decode.NewConfig(m, func(s string) ([]uint16, error) {
			return map[string][]uint16{"8472": {8472}, "[4789,7000]": {4789, 7000}, "7000": {7000}, "[32900,53]": {53, 32900}}[s], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	configs := map[string]decode.Config{
		"default":           decode.DefaultConfig(),
		"no settings":       set(),
		"moved":             set("decoder.teredo.ports", "[32900,53]", "decoder.vxlan.ports", "8472", "decoder.geneve.ports", "7000"),
		"shared":            set("decoder.vxlan.ports", "[4789,7000]", "decoder.geneve.ports", "7000"),
		"disabled":          set("decoder.teredo.enabled", "no", "decoder.vxlan.enabled", "no", "decoder.geneve.enabled", "false"),
		"teredo any, vxlan": set("decoder.teredo.ports", "any", "decoder.geneve.enabled", "no"),
	}
	for name, cfg := range configs {
		t.Run(name, func(t *testing.T) {
			c := load(t, tb, Options{Decoder: &cfg})
			ref := refeval.New(tb)
			ref.SetDecoder(&cfg)
			r := rand.New(rand.NewPCG(5, 8))
			addrs := [][2]string{{"192.0.2.1", "10.1.2.3"}, {"2001:db8::1", "2001:db8::2"}}
			var runs, tunnels int
			for range 4000 {
				a := addrs[r.IntN(2)]
				p := packet{src: a[0], dst: a[1], proto: ipUDP, sport: testPorts[r.IntN(len(testPorts))],
					dport: testPorts[r.IntN(len(testPorts))], payload: string(udpTunnelPayload(r))}
				if r.IntN(10) == 0 {
					p.udpDelta = r.IntN(16) - 8
				}
				frame := p.bytes()
				got, err := c.Run(frame)
				if err != nil {
					continue
				}
				runs++
				want := ref.Run(frame)
				if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) {
					t.Fatalf("%+v (frame %x):\nclassifier %d %v\n reference %d %v", p, frame, got.Verdict, g, want.Verdict, want.Events)
				}
				var reason CopyReason
				for _, e := range got.Events {
					if e.Kind == Copy {
						reason |= e.Reason
					}
				}
				var d decode.Packet
				derr := cfg.Decode(frame, &d)
				inner := derr == nil && d.Tunnel.Via != decode.ViaNone
				if copied := reason&CopyTunnel != 0; copied != inner {
					t.Fatalf("%+v (frame %x): copied for a tunnel %v, the decoder finds one %v (%d)", p, frame, copied, inner, d.Tunnel.Via)
				}
				if inner {
					tunnels++
				}
			}
			if runs < 3500 || (tunnels < 100) != (name == "disabled") {
				t.Fatalf("%d frames, %d tunnels: too few", runs, tunnels)
			}
			t.Logf("%d frames agree, %d tunnels", runs, tunnels)
		})
	}
}
