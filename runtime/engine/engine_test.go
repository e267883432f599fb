package engine

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

func TestActionOrderPassWins(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"a"; content:"x"; sid:1;)
pass tcp any any -> any 80 (msg:"p"; content:"x"; sid:2;)
drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:3;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	if got := h.alerts(t); len(got) != 0 {
		t.Errorf("pass matched with drop and alert: got alerts %v", got)
	}
}

func TestActionOrderDropRejectAlert(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"a"; content:"x"; sid:1; priority:1;)
reject tcp any any -> any 80 (msg:"r"; content:"x"; sid:2; priority:3;)
drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:3; priority:4;)
alert tcp any any -> any 80 (msg:"miss"; content:"y"; sid:4;)
`, fakeKernel{}, func(_ *inspect.Unit, sid uint64) bool { return sid != 4 })
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	got := h.alerts(t)
	if !slices.Equal(sids(got), []uint64{3, 2, 1}) {
		t.Fatalf("alerts %v, want drop, reject, alert (sids 3 2 1)", got)
	}
	// offline IDS, as Suricata without --simulate-ips: reject blocks, drop
	// only alerts
	if got[0].Action != "allowed" || got[1].Action != "blocked" || got[2].Action != "allowed" || got[0].PcapCnt != 1 || got[0].Tier != "userspace" {
		t.Errorf("alerts %+v", got)
	}
}

func TestIPSDropsTheFlow(t *testing.T) {
	h := newHarness(t, `drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"a"; content:"y"; sid:4;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return (sid == 3) == (string(b) == "x")
	})
	h.e.opts.IPS = true
	f := tcpFlow(1)
	h.tracker.ends = []*inspect.Flow{f}
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToServer, "y"))
	got := h.alerts(t)
	if len(got) != 1 || got[0].SID != 3 || got[0].Action != "blocked" {
		t.Errorf("alerts %+v: want the drop alone, blocked; the flow is not inspected after it", got)
	}
	if f.Action != "drop" {
		t.Errorf("flow action %q, want drop", f.Action)
	}
}

// Without IPS a reject matching the stream marks the flow dropped too, as
// Suricata sets FLOW_ACTION_DROP in any mode (EVE flow.action drop), and
// the flow's later packets are not inspected: Suricata's DetectFlow skips
// a flow with FLOW_ACTION_DROP whatever the mode.
func TestIDSRejectMarksTheFlowDropped(t *testing.T) {
	h := newHarness(t, `reject tcp any any -> any 80 (msg:"r"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"a"; content:"y"; sid:4;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return (sid == 3) == (string(b) == "x")
	})
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToServer, "y"))
	if got := h.alerts(t); len(got) != 1 || got[0].SID != 3 || got[0].Action != "blocked" {
		t.Errorf("alerts %+v: want the reject alone; the flow is not inspected after it", got)
	}
	if f.Action != "drop" {
		t.Errorf("flow action %q, want drop", f.Action)
	}
}

// In IDS mode a drop rule matching the second packet's stream drops the
// flow (alert action allowed): a rule matching the third packet does not
// alert, nor does a flowbit it sets exist, as Suricata inspects nothing of
// a flow with FLOW_ACTION_DROP.
func TestIDSDropStopsInspection(t *testing.T) {
	h := newHarness(t, `drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"a"; content:"y"; flowbits:set,later; sid:4;)
alert tcp any any -> any 80 (msg:"w"; content:"w"; sid:5;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return map[uint64]string{3: "x", 4: "y", 5: "w"}[sid] == string(b)
	})
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "w"))
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToServer, "y"))
	got := h.alerts(t)
	if !slices.Equal(sids(got), []uint64{5, 3}) || got[1].Action != "allowed" || got[1].PcapCnt != 2 {
		t.Errorf("alerts %+v: want sid 5, then the drop (allowed, packet 2), nothing on packet 3", got)
	}
	if f.Action != "drop" || f.Bits["later"] {
		t.Errorf("flow action %q, flowbit later %v: want drop and no flowbit", f.Action, f.Bits["later"])
	}
}

// The flow drop is set as the packet's alerts are finalised: every rule
// matching the packet that triggers it still alerts, its packet and
// stream matches alike.
func TestIDSDropSamePacketAlerts(t *testing.T) {
	h := newHarness(t, `drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"a"; content:"x"; sid:4;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"), packetUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	if got := h.alerts(t); !slices.Equal(sids(got), []uint64{3, 4}) {
		t.Errorf("alerts %v: want sids 3 and 4 of the first packet, none of the second", sids(got))
	}
}

// A pass rule acting on the flow ends its inspection in IDS and IPS mode
// alike (FLOW_ACTION_PASS).
func TestPassFlowEndsInspection(t *testing.T) {
	for _, ips := range []bool{false, true} {
		h := newHarness(t, `pass tcp any any -> any 80 (msg:"p"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"a"; content:"y"; sid:4;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
			b, _ := u.Buffer("payload")
			return (sid == 3) == (string(b) == "x")
		})
		h.e.opts.IPS = ips
		f := tcpFlow(1)
		h.frame(t, streamUnit(f, inspect.ToServer, "x"))
		h.frame(t, streamUnit(f, inspect.ToServer, "y"))
		if got := h.alerts(t); len(got) != 0 || f.Action != "pass" {
			t.Errorf("IPS %v: alerts %+v, flow action %q: want none and pass", ips, got, f.Action)
		}
	}
}

func TestFlowbitSettersFirst(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"reader"; content:"x"; flowbits:isset,seen; sid:1;)
alert tcp any any -> any 80 (msg:"setter"; content:"x"; flowbits:set,seen; sid:2;)
alert tcp any any -> any 80 (msg:"not yet"; content:"x"; flowbits:isnotset,seen; sid:3;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	got := sids(h.alerts(t))
	if !slices.Equal(got, []uint64{2, 1}) {
		t.Errorf("alerts %v, want the setter (2) then the reader that needs its bit (1)", got)
	}
}

func TestFlowbitsAcrossUnits(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"set"; content:"login"; flowbits:set,auth; flowbits:noalert; sid:1;)
alert tcp any any -> any 80 (msg:"after login"; content:"cmd"; flowbits:isset,auth; sid:2;)
alert tcp any any -> any 80 (msg:"unset"; content:"logout"; flowbits:unset,auth; flowbits:noalert; sid:3;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return map[uint64]string{1: "login", 2: "cmd", 3: "logout"}[sid] == string(b)
	})
	f := tcpFlow(1)
	for _, data := range []string{"cmd", "login", "cmd", "logout", "cmd"} {
		h.frame(t, streamUnit(f, inspect.ToServer, data))
	}
	got := h.alerts(t)
	if len(got) != 1 || got[0].SID != 2 || got[0].PcapCnt != 3 {
		t.Errorf("alerts %+v, want sid 2 on packet 3 only", got)
	}
}

func TestIPOnlyOncePerDirection(t *testing.T) {
	h := newHarness(t, `alert ip 10.0.0.1 any <> any any (msg:"host"; flowbits:set,seen; sid:1;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, packetUnit(f, inspect.ToServer, ""))
	h.frame(t, packetUnit(f, inspect.ToServer, "a"))
	h.frame(t, packetUnit(f, inspect.ToClient, "b"))
	h.frame(t, packetUnit(f, inspect.ToClient, "c"))
	g := tcpFlow(2)
	h.frame(t, packetUnit(g, inspect.ToServer, "d"))
	got := h.alerts(t)
	var at []uint64
	for _, a := range got {
		at = append(at, a.PcapCnt)
	}
	if !slices.Equal(at, []uint64{1, 3, 5}) {
		t.Errorf("IP-only alerts on packets %v, want 1 3 5 (once per flow direction)", at)
	}
}

// Suricata's IP-only rules may name ports and set flowbits, not read
// them: the port rule alerts on the first packet of its direction only,
// the flowbit reader on every packet.
func TestIPOnlyWithPorts(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"port"; flowbits:set,seen; sid:1;)
alert tcp any any -> any 80 (msg:"reader"; flowbits:isset,seen; sid:2;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	for _, data := range []string{"", "a", "b"} {
		h.frame(t, packetUnit(f, inspect.ToServer, data))
	}
	var got []string
	for _, a := range h.alerts(t) {
		got = append(got, fmt.Sprintf("%d@%d", a.SID, a.PcapCnt))
	}
	if want := []string{"1@1", "2@1", "2@2", "2@3"}; !slices.Equal(got, want) {
		t.Errorf("alerts %v, want %v", got, want)
	}
}

func TestKernelIPOnlyOncePerTuple(t *testing.T) {
	o := `alert ip 10.0.0.1 any -> any any (msg:"k"; sid:7;)
`
	h := newHarness(t, o, fakeKernel{alerts: map[byte][]uint32{0: {0}, 1: {0}}}, nil)
	if h.e.obj.Rules[0].Meta.SID != 7 {
		t.Fatal("rule 0 is not sid 7")
	}
	h.tracker.script = [][]*inspect.Unit{nil, nil}
	for i := range 2 {
		if _, err := h.e.Frame(h.ts, []byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
	}
	got := h.alerts(t)
	if len(got) != 1 || got[0].Tier != "kernel" || got[0].PcapCnt != 1 {
		t.Errorf("kernel IP-only alerts %+v, want one on packet 1", got)
	}
}

// A flow an IP-only pass rule let through raises no more alerts, the
// kernel tier's included (a tunnel's inner packets are evaluated by the
// kernel tier's rules in userspace, which never learns of the pass).
func TestPassedFlowSilencesKernelAlerts(t *testing.T) {
	h := newHarness(t, `pass ip 10.0.0.1 any <> any any (msg:"p"; sid:1;)
alert tcp any any -> any any (msg:"k"; ttl:>0; sid:2;)
`, fakeKernel{alerts: map[byte][]uint32{0: {1}, 1: {1}, 2: {1}}}, nil)
	f, g := tcpFlow(1), tcpFlow(2)
	g.Client = netip.MustParseAddr("10.0.0.9")
	h.frame(t, packetUnit(f, inspect.ToServer, ""))
	h.frame(t, packetUnit(f, inspect.ToServer, "a"))
	h.frame(t, packetUnit(g, inspect.ToServer, "a"))
	got := h.alerts(t)
	if len(got) != 1 || got[0].SID != 2 || got[0].PcapCnt != 3 {
		t.Errorf("alerts %+v, want the kernel rule's on the other flow's packet 3 only", got)
	}
}

func TestThresholdLimit(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"lim"; content:"x"; threshold:type limit, track by_src, count 2, seconds 60; sid:1;)
alert tcp any any -> any 80 (msg:"thr"; content:"x"; threshold:type threshold, track by_src, count 3, seconds 60; sid:2;)
alert tcp any any -> any 80 (msg:"df"; content:"x"; detection_filter:track by_src, count 4, seconds 60; sid:3;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	for range 6 {
		h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	}
	by := map[uint64][]uint64{}
	for _, a := range h.alerts(t) {
		by[a.SID] = append(by[a.SID], a.PcapCnt)
	}
	if !slices.Equal(by[1], []uint64{1, 2}) || !slices.Equal(by[2], []uint64{3, 6}) || !slices.Equal(by[3], []uint64{5, 6}) {
		t.Errorf("limit %v (want 1 2), threshold %v (want 3 6), detection_filter %v (want 5 6)", by[1], by[2], by[3])
	}
}

func TestMatcherSeesHeaderCandidatesOnly(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"web"; content:"x"; sid:1;)
alert tcp any any -> any 25 (msg:"smtp"; content:"x"; sid:2;)
alert udp any any -> any any (msg:"udp"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"toclient"; flow:to_client; content:"x"; sid:4;)
`, fakeKernel{}, func(_ *inspect.Unit, sid uint64) bool { return sid != 1 })
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	got := h.alerts(t)
	if len(h.asked) != 1 || !slices.Contains(h.asked[0], 1) || slices.Contains(h.asked[0], 2) || slices.Contains(h.asked[0], 3) {
		t.Errorf("matcher asked %v, want the port-80 TCP rules only", h.asked)
	}
	if len(got) != 0 {
		t.Errorf("alerts %+v: sid 1 missed in the matcher, sid 4 wants to_client", got)
	}
}

func TestPacketRulesSkipReassembledFlows(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"stream"; content:"x"; sid:1;)
alert tcp-pkt any any -> any 80 (msg:"pkt"; content:"x"; pcre:"/x/"; sid:2;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, packetUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	got := h.alerts(t)
	if len(got) != 2 || got[0].SID != 2 || got[0].PcapCnt != 1 || got[1].SID != 1 || got[1].PcapCnt != 2 {
		t.Errorf("alerts %+v, want the packet rule on the packet and the stream rule on the chunk", got)
	}
}

func TestHeadersCheckedAfterPrefilter(t *testing.T) {
	h := newHarness(t, `alert tcp 10.0.0.1 any -> 192.0.2.80 80 (msg:"exact"; content:"x"; sid:1;)
alert tcp 10.9.9.9 any -> any 80 (msg:"other client"; content:"x"; sid:2;)
alert tcp 192.0.2.80 80 <> 10.0.0.1 any (msg:"bidir"; content:"x"; sid:3;)
alert tcp any 80 -> 10.0.0.0/8 any (msg:"to client"; content:"x"; sid:4;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToClient, "x"))
	by := map[uint64][]uint64{}
	for _, a := range h.alerts(t) {
		by[a.PcapCnt] = append(by[a.PcapCnt], a.SID)
	}
	for p, want := range map[uint64][]uint64{1: {1, 3}, 2: {1, 3}, 3: {3, 4}} {
		got := by[p]
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("packet %d: sids %v, want %v", p, got, want)
		}
	}
	if h.groups != 2 {
		t.Errorf("%d match groups made for units of two shapes", h.groups)
	}
}

func TestNoLiteralByFamily(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"literal"; content:"x"; sid:1;)
alert tcp any any -> any any (msg:"flowbits only"; flowbits:isset,a; sid:2;)
alert http any any -> any any (msg:"app literal"; http.uri; content:"/a"; sid:3;)
alert udp any any -> any any (msg:"size only"; dsize:>100; flowbits:isnotset,b; sid:4;)
`, fakeKernel{}, nil)
	got := map[string][]uint64{}
	for _, g := range h.e.NoLiteral() {
		got[g.Family] = g.SIDs
	}
	if !slices.Equal(got["packet/tcp"], []uint64{2}) || !slices.Equal(got["packet/udp"], []uint64{4}) || len(got) != 2 {
		t.Errorf("no-literal rules %v", got)
	}
}
