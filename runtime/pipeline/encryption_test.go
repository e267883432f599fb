package pipeline

import (
	"encoding/binary"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flow"
)

// encryptedRun runs a TLS 1.3 connection on port 443 whose application
// data carries "omega" both ways, through rules on a kernel tier with an
// encryption handling.
func encryptedRun(t *testing.T, rules, tier, mode string) *engine.Stats {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "e.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := flow.DefaultConfig()
	if err := cfg.Set("app-layer.protocols.tls.encryption-handling", mode); err != nil {
		t.Fatal(err)
	}
	p, err := Open(compileObject(t, dir), Config{Kernel: tier, Flow: cfg, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.43")
	cseq, sseq := uint32(100), uint32(500)
	seg := func(toServer bool, flags uint8, payload []byte) []byte {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40000, Dport: 443, TCPFlags: flags, Seq: cseq, Ack: sseq, Payload: payload}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport, s.Seq, s.Ack = srv, cli, 443, 40000, sseq, cseq
		}
		if toServer {
			cseq += uint32(len(payload))
		} else {
			sseq += uint32(len(payload))
		}
		if flags&0x02 != 0 {
			if toServer {
				cseq++
			} else {
				sseq++
			}
		}
		return pktgen.Build(s)
	}
	app := func(text string) []byte { return append([]byte{23, 3, 3, 0, byte(len(text))}, text...) }
	frames := [][]byte{seg(true, 0x02, nil)}
	cseq--
	frames = append(frames, seg(false, 0x12, nil))
	cseq++
	frames = append(frames, seg(true, 0x10, nil),
		seg(true, 0x18, tlsHello("enc.example")), seg(false, 0x18, append(tlsServerHello13(), app("extensions")...)),
		seg(true, 0x18, app("finished")))
	for range 4 {
		frames = append(frames, seg(false, 0x18, app("omega-server")), seg(true, 0x18, app("omega-client")))
	}
	frames = append(frames, seg(false, 0x10, nil))
	feedAndClose(t, p, frames)
	return p.Engine.Stats()
}

// Once TLS application data starts, the track-only default stops the
// payload inspection of the flow (no stream rule matches "omega" in it)
// and, with no userspace packet rule that needs no payload, both
// directions are bypassed in the kernel tier: the eight packets after
// each direction's bypass are not copied (IDS mode parses the client's
// first application data on the server's next packet, which
// acknowledges it). Copies after the payload
// inspection ended are counted as not inspected. A header-only userspace
// packet rule keeps the flow copied. bypass bypasses the whole flow; full
// inspects it.
func TestBypassTLSApplicationData(t *testing.T) {
	stream := `alert tcp any any -> any 443 (msg:"c"; flow:established,to_server; content:"omega"; pcre:"/omega-c/"; sid:1;)
alert tcp any 443 -> any any (msg:"s"; flow:established,to_client; content:"omega"; pcre:"/omega-s/"; sid:2;)
`
	header := stream + `alert tcp any any -> any 443 (msg:"psh"; flow:established,to_server; flags:PA; flowbits:isset,never; sid:3;)
`
	eachKernelTier(t, func(t *testing.T, tier string) {
		st := encryptedRun(t, stream, tier, "track-only")
		if st.BypassedBy["encrypted"] != 2 || st.BySID[1] != 0 || st.BySID[2] != 0 || st.BypassedPkts != 8 {
			t.Errorf("track-only: bypassed %v, %d packets, alerts %v", st.BypassedBy, st.BypassedPkts, st.BySID)
		}
		if st.UninspectedBy["encrypted"] == 0 {
			t.Errorf("track-only: uninspected %d bytes, by reason %v", st.UninspectedBytes, st.UninspectedBy)
		}
		st = encryptedRun(t, header, tier, "track-only")
		if st.BypassedBy["encrypted"] != 1 || st.BySID[1] != 0 {
			t.Errorf("track-only, header rule: bypassed %v, alerts %v", st.BypassedBy, st.BySID)
		}
		st = encryptedRun(t, stream, tier, "bypass")
		if st.BypassedBy["flow_bypassed"] != 2 || st.BySID[1] != 0 || st.BySID[2] != 0 || st.BypassedPkts == 0 {
			t.Errorf("bypass: bypassed %v, %d packets, alerts %v", st.BypassedBy, st.BypassedPkts, st.BySID)
		}
		st = encryptedRun(t, stream, tier, "full")
		if st.BypassedDirs != 0 || st.BySID[1] == 0 || st.BySID[2] == 0 || st.UninspectedBy["encrypted"] != 0 {
			t.Errorf("full: bypassed %d, uninspected %v, alerts %v", st.BypassedDirs, st.UninspectedBy, st.BySID)
		}
	})
}

// tlsHello is a ClientHello record naming sni.
func tlsHello(sni string) []byte {
	b := binary.BigEndian.AppendUint16(nil, 0x0303)
	b = append(b, make([]byte, 33)...)
	b = equivVec16(b, []byte{0x13, 0x01})
	b = append(b, 1, 0)
	b = equivVec16(b, equivVec16([]byte{0, 0}, equivVec16(nil, equivVec16([]byte{0}, []byte(sni)))))
	return equivVec16([]byte{22, 3, 1}, append([]byte{1, 0, byte(len(b) >> 8), byte(len(b))}, b...))
}

// tlsServerHello13 is a TLS 1.3 ServerHello record.
func tlsServerHello13() []byte {
	b := binary.BigEndian.AppendUint16(nil, 0x0303)
	b = append(b, make([]byte, 33)...)
	b = append(b, 0x13, 0x01, 0)
	b = equivVec16(b, []byte{0, 43, 0, 2, 3, 4})
	return equivVec16([]byte{22, 3, 3}, append([]byte{2, 0, byte(len(b) >> 8), byte(len(b))}, b...))
}
