package pipeline

import (
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/flow"
)

// A copy for userspace rules that no unit of its packet met a rule for,
// and whose payload does not go on to a live stream, is counted as not
// inspected (no_rule): here the four packets without payload of a flow
// only a stream rule can match, both ways (both are copied, for the
// stream's state); its data segment is inspected on the stream.
// A UDP packet a packet rule's header holds for is inspected, matching
// or not.
func TestUninspectedNoRule(t *testing.T) {
	dir := t.TempDir()
	rules := `alert tcp any any -> any 8080 (msg:"s"; flow:to_server; content:"x"; pcre:"/x/"; sid:1;)
alert udp any any -> any 5000 (msg:"u"; dsize:>100; pcre:"/y/"; sid:2;)
`
	if err := os.WriteFile(filepath.Join(dir, "u.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, dir)
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.8")
	seg := func(toServer bool, flags uint8, seq, ack uint32, payload string) []byte {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40000, Dport: 8080, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport = srv, cli, 8080, 40000
		}
		return pktgen.Build(s)
	}
	empty := [][]byte{seg(true, 0x02, 100, 0, ""), seg(false, 0x12, 500, 101, ""), seg(true, 0x10, 101, 501, ""), seg(false, 0x10, 501, 104, "")}
	frames := [][]byte{empty[0], empty[1], empty[2], seg(true, 0x18, 101, 501, "xyz"), empty[3],
		pktgen.Build(pktgen.Spec{Src: cli, Dst: srv, Proto: 17, Sport: 40001, Dport: 5000, Payload: []byte("short")})}
	eachKernelTier(t, func(t *testing.T, tier string) {
		p, err := Open(o, Config{Kernel: tier, Flow: flow.DefaultConfig(), Offline: true})
		if err != nil {
			t.Fatal(err)
		}
		feedAndClose(t, p, frames)
		st := p.Engine.Stats()
		want := uint64(0)
		for _, f := range empty {
			want += uint64(len(f))
		}
		if st.Copies != 6 || st.Uninspected != 4 || st.UninspectedBy["no_rule"] != want || st.BySID[1] != 1 {
			t.Errorf("%d copies, %d not inspected, by reason %v (want no_rule %d), alerts %v", st.Copies, st.Uninspected, st.UninspectedBy, want, st.BySID)
		}
	})
}
