package pipeline

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/flow"
)

// deOnlyRules: sids 10 and 11 are decoder-event-only (Suricata's DEONLY:
// pkthdr or ip, any addresses and ports, decode-event only); sid 12 is a
// udp rule, which a packet without an IP layer cannot match.
const deOnlyRules = `alert pkthdr any any -> any any (decode-event:ipv4.trunc_pkt; sid:10;)
alert pkthdr any any -> any any (decode-event:ipv4.opt_invalid_len; sid:11;)
alert udp any any -> any any (decode-event:ipv4.trunc_pkt; sid:12;)
`

// TestDecoderEventOnlyRules: a frame whose IPv4 layer does not decode (an
// IP length past the frame, an option length past the options) is
// inspected by the decoder-event-only rules, as Suricata's decoder event
// rule group, and their alerts have no addresses or ports.
func TestDecoderEventOnlyRules(t *testing.T) {
	udp := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Proto: 17, Sport: 1, Dport: 2, Payload: []byte("0123456789")})
	truncated := append([]byte(nil), udp...)
	binary.BigEndian.PutUint16(truncated[16:], uint16(len(udp)-14+100))
	badOption := append(append([]byte(nil), udp[:34]...), 0x82, 0x0b, 0xf1, 0x35)
	badOption = append(badOption, udp[34:]...)
	badOption[14] = 0x46
	binary.BigEndian.PutUint16(badOption[16:], uint16(len(badOption)-14))
	path := filepath.Join(t.TempDir(), "t.rules")
	if err := os.WriteFile(path, []byte(deOnlyRules), 0o600); err != nil {
		t.Fatal(err)
	}
	eachKernelTier(t, func(t *testing.T, tier string) {
		var eve bytes.Buffer
		p, err := Open(compileObject(t, path), Config{Kernel: tier, Flow: flow.DefaultConfig(), EVE: &eve, Offline: true})
		if err != nil {
			t.Fatal(err)
		}
		ts := time.Unix(1700000000, 0)
		for i, fr := range [][]byte{truncated, badOption, udp} {
			if _, err := p.Engine.Frame(ts.Add(time.Duration(i)*time.Millisecond), fr); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		var sids []uint64
		for _, line := range bytes.Split(bytes.TrimSpace(eve.Bytes()), []byte("\n")) {
			var ev map[string]any
			if err := json.Unmarshal(line, &ev); err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			if ev["event_type"] != "alert" {
				continue
			}
			for _, k := range []string{"src_ip", "dest_ip", "src_port", "dest_port", "proto", "flow_id"} {
				if _, ok := ev[k]; ok {
					t.Errorf("alert %s has %s", line, k)
				}
			}
			sids = append(sids, uint64(ev["alert"].(map[string]any)["signature_id"].(float64)))
		}
		if !slices.Equal(sids, []uint64{10, 11}) {
			t.Errorf("alerts %v, want 10 (truncated) and 11 (option length)", sids)
		}
	})
}
