package pipeline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/internal/pktgen"
)

const equivRules = `alert dns any any -> any any (msg:"a"; dns.query; content:"evil.com"; nocase; endswith; sid:101;)
alert dns any any -> any any (msg:"b"; dns.query; dotprefix; content:".example"; endswith; sid:102;)
alert dns any any -> any any (msg:"c"; dns.query; content:"www"; startswith; bsize:>10; sid:103;)
alert udp any any -> any any (msg:"d"; dns.query; content:"track"; isdataat:!1,relative; sid:104;)
alert dns any any -> any any (msg:"e"; dns.query; content:"a"; offset:2; depth:4; content:!"zz"; sid:105;)
alert dns any any -> any any (msg:"f"; dns.query; content:"Mixed"; isdataat:3,relative; sid:106;)
alert dns any any -> any any (msg:"g"; dns.query; isdataat:12; content:"long"; sid:107;)
alert dns any any -> any any (msg:"h"; dns.query; dotprefix; content:".x"; startswith; bsize:<8; sid:108;)
alert dns any any -> any any (msg:"i"; dns.query; dotprefix; content:".com"; nocase; isdataat:!1,relative; sid:109;)
`

var equivLabels = []string{"evil", "com", "COM", "example", "www", "track", "a", "zz", "Mixed", "mixed", "x", "long", "b.d"}

// equivQuery is a random query: mostly one question, sometimes an EDNS
// OPT record, two questions or a compression pointer.
func equivQuery(r *rand.Rand) []byte {
	qd := byte(1)
	if r.IntN(10) == 0 {
		qd = 2
	}
	ar := byte(r.IntN(2))
	m := []byte{0x12, 0x34, 0x01, 0x00, 0, qd, 0, 0, 0, 0, 0, ar}
	for range qd {
		for range 1 + r.IntN(4) {
			l := equivLabels[r.IntN(len(equivLabels))]
			m = append(m, byte(len(l)))
			m = append(m, l...)
		}
		if r.IntN(12) == 0 {
			m = append(m, 0xc0, 12)
		} else {
			m = append(m, 0)
		}
		m = append(m, 0, 1, 0, 1)
	}
	if ar == 1 {
		m = append(m, 0, 0, 41, 16, 0, 0, 0, 0, 0, 0, 0)
	}
	return m
}

// alertSet runs frames through o and returns its alerts as (sid, packet).
func alertSet(t *testing.T, o *object.Object, frames [][]byte) [][2]uint64 {
	t.Helper()
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Offline: true, EVE: &out})
	if err != nil {
		t.Fatal(err)
	}
	feedAndClose(t, p, frames)
	var set [][2]uint64
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var ev struct {
			PcapCnt uint64 `json:"pcap_cnt"`
			Alert   struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		set = append(set, [2]uint64{ev.Alert.SID, ev.PcapCnt})
	}
	slices.SortFunc(set, func(a, b [2]uint64) int { return cmp.Or(cmp.Compare(a[1], b[1]), cmp.Compare(a[0], b[0])) })
	return set
}

// TestDNSKernelMatchesUserspace: dns.query rules decided by the kernel
// tier (and, for what it copies up undecided, by userspace) raise the
// same alerts, on the same packets, as the same rules run wholly by the
// userspace tier's DNS parser and matcher.
func TestDNSKernelMatchesUserspace(t *testing.T) {
	inKernel, user := kernelAndUserspace(t, equivRules)
	r := rand.New(rand.NewPCG(5, 8))
	var frames [][]byte
	for i := range 3000 {
		frames = append(frames, pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("192.0.2.53"),
			Proto: 17, Sport: uint16(20000 + i), Dport: 53, Payload: equivQuery(r)}))
	}
	got, want := alertSet(t, inKernel, frames), alertSet(t, user, frames)
	if !slices.Equal(got, want) {
		t.Fatalf("kernel tier %d alerts, userspace %d:\n kernel %v\n user   %v", len(got), len(want), got, want)
	}
	if len(want) < 300 {
		t.Errorf("only %d alerts compared", len(want))
	}
	t.Logf("%d alerts agree", len(want))
}
