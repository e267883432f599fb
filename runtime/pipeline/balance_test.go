package pipeline

import (
	"bytes"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// writeFrames writes frames to a classic pcap file, a millisecond apart.
func writeFrames(t *testing.T, path string, frames [][]byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i, fr := range frames {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000, int64(i)*1e6), CaptureLength: len(fr), Length: len(fr)}
		if err := w.WritePacket(ci, fr); err != nil {
			t.Fatal(err)
		}
	}
}

// synsAndUnreachables returns SYNs of eight connections, each answered
// by a router's ICMP destination unreachable quoting it.
func synsAndUnreachables() [][]byte {
	var frames [][]byte
	for i := range 8 {
		client := netip.AddrFrom4([4]byte{10, 0, 0, byte(1 + i)})
		server := netip.AddrFrom4([4]byte{192, 0, 2, byte(10 + i)})
		router := netip.AddrFrom4([4]byte{198, 51, 100, byte(1 + i)})
		syn := pktgen.Build(pktgen.Spec{Src: client, Dst: server, Proto: 6, Sport: uint16(40000 + i), Dport: 80, TCPFlags: 0x02, Seq: 1000})
		ip := syn[14:]
		frames = append(frames, syn, pktgen.Build(pktgen.Spec{Src: router, Dst: client, Proto: 1, IType: 3, ICode: 1, Payload: ip[:28]}))
	}
	return frames
}

// TestICMPErrorGoesWithQuotedFlow: an ICMP destination unreachable goes
// to the worker of the flow it quotes, whose flow it joins, live and
// offline, so the flow records do not depend on the number of workers.
func TestICMPErrorGoesWithQuotedFlow(t *testing.T) {
	frames := synsAndUnreachables()
	for i := 0; i < len(frames); i += 2 {
		var syn, icmp decode.Packet
		serr, ierr := decode.Decode(frames[i], &syn), decode.Decode(frames[i+1], &icmp)
		if !icmp.Quoted.Valid {
			t.Fatalf("frame %d quotes nothing", i+1)
		}
		for n := 2; n <= 8; n++ {
			if s, c := FlowOwner(&syn, serr, n), FlowOwner(&icmp, ierr, n); s != c {
				t.Errorf("connection %d, %d live workers: SYN to worker %d, its ICMP error to %d", i/2, n, s, c)
			}
		}
	}

	pcap := filepath.Join(t.TempDir(), "unreach.pcap")
	writeFrames(t, pcap, frames)
	o := compileObject(t, filepath.Join("..", "..", "rules"))
	records := func(n int) []string {
		var out bytes.Buffer
		runConfig(t, o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Workers: n,
			Records: eve.Types{"flow": true}}, pcap)
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		slices.Sort(lines)
		return lines
	}
	one := records(1)
	if len(one) != 8 || strings.Contains(strings.Join(one, ""), `"proto":"ICMP"`) {
		t.Fatalf("one worker: %d flow records, want the 8 TCP flows alone:\n%s", len(one), strings.Join(one, "\n"))
	}
	for _, n := range []int{2, 3, 5} {
		if got := records(n); !slices.Equal(got, one) {
			t.Errorf("%d workers: flow records differ from one worker's:\n%s", n, strings.Join(got, "\n"))
		}
	}
}

// TestClaimsFirstComer: a key belongs to the first worker to look it up,
// and every worker then finds that worker.
func TestClaimsFirstComer(t *testing.T) {
	c := newClaims(3, 8)
	for k, first := range []int{0, 2, 1, 1, 0} {
		if got := c.claim(uint64(k), first); got != first {
			t.Errorf("key %d: first worker %d got %d", k, first, got)
		}
	}
	for w := range 3 {
		for k, want := range []int{0, 2, 1, 1, 0} {
			if got := c.claim(uint64(k), w); got != want {
				t.Errorf("key %d, worker %d: claimed by %d, want %d", k, w, got, want)
			}
		}
	}
}

// TestClaimsWaitForTheSlowest: a worker a whole table of keys ahead
// waits for the others to look up the key whose slot it takes, so they
// still find its claim.
func TestClaimsWaitForTheSlowest(t *testing.T) {
	c := newClaims(2, 2)
	c.claim(0, 0)
	c.claim(1, 0)
	var wg sync.WaitGroup
	var ahead int
	wg.Go(func() { ahead = c.claim(2, 0) }) // takes key 0's slot once worker 1 has seen key 0
	if got := c.claim(0, 1); got != 0 {
		t.Errorf("key 0: worker 1 finds %d, want 0", got)
	}
	wg.Wait()
	if got := c.claim(1, 1); got != 0 || ahead != 0 {
		t.Errorf("key 1: worker 1 finds %d; key 2: worker 0 got %d; want 0", got, ahead)
	}
	if got := c.claim(2, 1); got != 0 {
		t.Errorf("key 2: worker 1 finds %d, want 0", got)
	}
	c.done(1)
	if got := c.claim(3, 0); got != 0 { // no wait on a worker that is done
		t.Errorf("key 3: %d", got)
	}
}

// TestBalancerNumbersKeysAlike: two workers' balancers fed the same frames
// number the keys alike whatever their pace; a key idle past every
// timeout is forgotten and numbered anew; a full table hashes new keys
// from then on.
func TestBalancerNumbersKeysAlike(t *testing.T) {
	fc := flow.DefaultConfig()
	fc.MaxFlows = 3
	flowKey := func(i int) []byte {
		return pktgen.Build(pktgen.Spec{Src: netip.AddrFrom4([4]byte{10, 0, 0, 1}), Dst: netip.AddrFrom4([4]byte{10, 0, 1, byte(i)}), Proto: 6, Sport: 1234, Dport: 80, TCPFlags: 0x02})
	}
	type step struct {
		frame []byte
		ts    time.Time
	}
	start := time.Unix(1700000000, 0)
	var steps []step
	for i := range 2 * sweepEvery {
		steps = append(steps, step{flowKey(i % 2), start.Add(time.Duration(i) * time.Millisecond)})
	}
	late := start.Add(3 * time.Hour) // past twice the longest timeout
	for i := range sweepEvery {
		steps = append(steps, step{flowKey(2), late.Add(time.Duration(i) * time.Millisecond)})
	}
	for _, i := range []int{3, 0, 4, 5} {
		steps = append(steps, step{flowKey(i), late.Add(time.Minute)})
	}

	c := newClaims(2, claimSlots)
	run := func(me int) ([]int, *balancer) {
		b := newBalancer(me, 2, c, fc)
		var owners []int
		var d decode.Packet
		for _, s := range steps {
			err := decode.Decode(s.frame, &d)
			owners = append(owners, b.owner(&d, err, s.ts))
		}
		return owners, b
	}
	first, b0 := run(1) // worker 1 goes first and claims every key
	second, b1 := run(0)
	if !slices.Equal(first, second) {
		t.Fatal("the workers disagree on owners")
	}
	if b0.next != b1.next || b0.next != 5 {
		t.Errorf("keys numbered %d and %d, want 5: flows 0 to 3, flow 0 again once forgotten (flow 4 finds the table full)", b0.next, b1.next)
	}
	if !b0.hashed || !b1.hashed {
		t.Error("a full table did not turn to hashing")
	}
	for i, o := range first[:len(first)-2] {
		if o != 1 {
			t.Fatalf("frame %d: worker %d, want the first comer 1", i, o)
		}
	}
	for i, id := range []int{4, 5} {
		var d decode.Packet
		err := decode.Decode(flowKey(id), &d)
		k, _ := ownerOf(&d, err)
		if want := int(k.id() % 2); first[len(first)-2+i] != want {
			t.Errorf("flow %d past a full table: worker %d, want its hash's %d", id, first[len(first)-2+i], want)
		}
	}
}

// TestOwnerTupleGroupsAFlow: the frames a tracker puts in one flow (both
// directions, an ICMP error with the packet it quotes) get one owner id;
// UDP and ICMP go by their addresses alone; other flows get other ids.
func TestOwnerTupleGroupsAFlow(t *testing.T) {
	a4, b4 := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.7")
	a6, b6 := netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::7")
	tcp := func(src, dst netip.Addr, sport, dport uint16, vlans ...uint16) []byte {
		return pktgen.Build(pktgen.Spec{Src: src, Dst: dst, Proto: 6, Sport: sport, Dport: dport, TCPFlags: 0x02, VLANs: vlans})
	}
	udp := func(src, dst netip.Addr, sport, dport uint16) []byte {
		return pktgen.Build(pktgen.Spec{Src: src, Dst: dst, Proto: 17, Sport: sport, Dport: dport, Payload: []byte("x")})
	}
	syn := tcp(a4, b4, 40000, 80)
	unreach := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("198.51.100.1"), Dst: a4, Proto: 1, IType: 3, ICode: 1, Payload: syn[14 : 14+28]})
	id := func(frame []byte) uint64 {
		t.Helper()
		var d decode.Packet
		k, ok := ownerOf(&d, decode.Decode(frame, &d))
		if !ok {
			t.Fatal("no owner tuple for an IP frame")
		}
		return k.id()
	}
	same := [][2][]byte{
		{syn, tcp(b4, a4, 80, 40000)},
		{tcp(a6, b6, 40000, 443), tcp(b6, a6, 443, 40000)},
		{syn, unreach},
		{udp(a4, b4, 5353, 53), udp(b4, a4, 53, 1234)},
		{udp(a6, b6, 1, 2), udp(b6, a6, 3, 4)},
		{tcp(a4, b4, 1, 2, 100), tcp(b4, a4, 2, 1, 100)},
	}
	for i, p := range same {
		if id(p[0]) != id(p[1]) {
			t.Errorf("pair %d: one flow, two owner ids", i)
		}
	}
	other := [][2][]byte{
		{syn, tcp(a4, b4, 40001, 80)},
		{syn, tcp(a4, b4, 40000, 80, 100)},
		{syn, udp(a4, b4, 40000, 80)},
		{tcp(a6, b6, 1, 2), tcp(a6, b6, 1, 3)},
		{udp(a4, b4, 1, 2), udp(a4, netip.MustParseAddr("192.0.2.8"), 1, 2)},
	}
	for i, p := range other {
		if id(p[0]) == id(p[1]) {
			t.Errorf("pair %d: two flows, one owner id", i)
		}
	}
}

// TestBalancerForgetsTheLastKey: a key forgotten by a sweep is numbered
// anew even when its frame comes right after the sweep's: the last key
// looked up is not kept past it.
func TestBalancerForgetsTheLastKey(t *testing.T) {
	frame := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.1.1"), Proto: 6, Sport: 1, Dport: 2, TCPFlags: 0x02})
	var d decode.Packet
	err := decode.Decode(frame, &d)
	b := newBalancer(0, 2, newClaims(2, claimSlots), flow.DefaultConfig())
	start := time.Unix(1700000000, 0)
	for i := range sweepEvery - 1 {
		b.owner(&d, err, start.Add(time.Duration(i)*time.Millisecond))
	}
	if b.next != 1 {
		t.Fatalf("one key numbered %d times", b.next)
	}
	b.owner(&d, err, start.Add(3*time.Hour)) // the sweep at this frame forgets the key, idle past every timeout
	if b.next != 2 {
		t.Errorf("key back after a sweep forgot it: %d numbers given, want 2", b.next)
	}
}
