package kernel

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

func run(t *testing.T, c *Classifier, frame []byte) Result {
	t.Helper()
	r, err := c.Run(frame)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func counters(t *testing.T, c *Classifier) Counters {
	t.Helper()
	n, err := c.Counters()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCounters(t *testing.T) {
	c := load(t, build(testRules), Options{})
	arp := append(make([]byte, 12), 0x08, 0x06)
	arp = append(arp, make([]byte, 28)...)
	frames := []struct {
		name    string
		frame   []byte
		verdict int
	}{
		{"alert", v4(ipTCP, 80, "").bytes(), VerdictOK},
		{"drop after a scan", v4(ipUDP, 53, "abc").bytes(), VerdictShot},
		{"pass", v4(ipTCP, 443, "").bytes(), VerdictOK},
		{"copy", v4(ipTCP, 8888, "").bytes(), VerdictOK},
		{"candidate, no match", v4(ipTCP, 22, "").bytes(), VerdictOK},
		{"no candidates", v4(ipTCP, 1, "").bytes(), VerdictOK},
		{"later fragment", with2(v4(ipTCP, 1, ""), func(p *packet) { p.fragOffset = 3 }).bytes(), VerdictOK},
		{"non-IP", arp, VerdictOK},
		{"truncated TCP header", v4(ipTCP, 80, "").bytes()[:14+20+10], VerdictOK},
		{"truncated IP header: copied up", vlanFrame(v4(ipTCP, 80, "").bytes()[:14+12]), VerdictOK},
		{"IP length past the frame: copied up, not classified", v4(ipTCP, 80, "abcdef").bytes()[:14+20+20+3], VerdictOK},
		{"truncated UDP header", v6(ipUDP, 5353, "").bytes()[:14+40+4], VerdictOK},
		{"nine extension headers: copied up", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.ext = []uint8{0, 60, 60, 43, 60, 60, 60, 60, 60} }).bytes(), VerdictOK},
		{"four vlan tags: copied up", with2(v4(ipTCP, 80, ""), func(p *packet) { p.vlans = []uint16{0x8100, 0x8100, 0x8100, 0x8100} }).bytes(), VerdictOK},
	}
	var bytes uint64
	for _, f := range frames {
		r, err := c.Run(f.frame)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if r.Verdict != f.verdict {
			t.Errorf("%s: verdict %d, want %d", f.name, r.Verdict, f.verdict)
		}
		bytes += uint64(len(f.frame))
	}
	got := counters(t, c)
	want := Counters{
		Packets: uint64(len(frames)), Bytes: bytes, NonIP: 1, ParseError: 4, Fragments: 1,
		NoCandidates: 2, Candidates: got.Candidates, Matched: 3, Pass: 1, Drop: 1, Alert: 1,
		Events: 10, Copies: 8, Scans: 1, ScanBytes: 3, VLANTooMany: 1, ExtTooMany: 1,
		Flows: 6, FlowMidstream: 5, // five TCP tuples without a SYN, one UDP
	}
	if got != want {
		t.Errorf("counters\n got %+v\nwant %+v", got, want)
	}
}

// vlanFrame tags frame, so BPF_PROG_TEST_RUN does not check its IP header.
func vlanFrame(frame []byte) []byte {
	out := append([]byte(nil), frame[:12]...)
	out = append(out, 0x81, 0x00, 0, 1)
	return append(out, frame[12:]...)
}

func TestLists(t *testing.T) {
	c := load(t, build(testRules), Options{})
	add := func(l List, p string, e ListEntry) {
		if err := c.AddList(l, netip.MustParsePrefix(p), e); err != nil {
			t.Fatal(err)
		}
	}
	add(BlockList, "192.0.2.0/24", ListEntry{Rule: 900})
	add(BlockList, "2001:db8::/64", ListEntry{Rule: 901, TTL: time.Hour})
	add(BlockList, "198.51.100.7/32", ListEntry{Rule: 902, TTL: time.Nanosecond})
	add(AllowList, "10.1.2.3/32", ListEntry{})

	// Source blocked, destination allowed: the allow list wins.
	if r := run(t, c, v4(ipTCP, 80, "").bytes()); r.Verdict != VerdictOK || len(r.Events) != 0 {
		t.Errorf("allowed destination: %+v", r)
	}
	blocked := packet{src: "10.9.9.9", dst: "192.0.2.77", proto: ipTCP, sport: 5, dport: 80, flags: flagSYN}
	r := run(t, c, blocked.bytes())
	if r.Verdict != VerdictShot || len(r.Events) != 1 || r.Events[0].Kind != Block || r.Events[0].Rule != 900 {
		t.Errorf("blocked destination: %+v", r)
	} else if e := r.Events[0]; e.Src.String() != "10.9.9.9:5" || e.Dst.String() != "192.0.2.77:80" || e.Action != kernelgen.ActDrop {
		t.Errorf("block event %+v", e)
	}
	r = run(t, c, v6(ipUDP, 5353, "").bytes())
	if r.Verdict != VerdictShot || len(r.Events) != 1 || r.Events[0].Rule != 901 {
		t.Errorf("blocked IPv6 source: %+v", r)
	}
	// A truncated L4 header does not escape the block list.
	if r := run(t, c, v6(ipUDP, 5353, "").bytes()[:14+40+2]); r.Verdict != VerdictShot {
		t.Errorf("truncated blocked packet: %+v", r)
	}
	expired := packet{src: "198.51.100.7", dst: "10.1.9.9", proto: ipTCP, dport: 80}
	if r := run(t, c, expired.bytes()); r.Verdict != VerdictOK || len(r.Events) != 1 || r.Events[0].Kind != Alert {
		t.Errorf("expired block: %+v", r)
	}
	if err := c.RemoveList(BlockList, netip.MustParsePrefix("192.0.2.0/24")); err != nil {
		t.Fatal(err)
	}
	if r := run(t, c, blocked.bytes()); r.Verdict != VerdictOK {
		t.Errorf("after removal: %+v", r)
	}
	n := counters(t, c)
	if n.Allowed != 1 || n.Blocked != 3 {
		t.Errorf("allowed %d, blocked %d; want 1, 3", n.Allowed, n.Blocked)
	}
}

func TestScanTruncated(t *testing.T) {
	c := load(t, build(testRules), Options{MaxScan: 16})
	r := run(t, c, v4(ipTCP, 5555, "0123456789abcdefzzz").bytes())
	if r.Verdict != VerdictOK || len(r.Events) != 1 || r.Events[0].Kind != Copy || r.Events[0].Reason != CopyScanTruncated {
		t.Errorf("long payload: %+v", r)
	}
	r = run(t, c, v4(ipTCP, 5555, "0123456789abzzz").bytes())
	if r.Verdict != VerdictShot || len(r.Events) != 1 || r.Events[0].Kind != Alert {
		t.Errorf("short payload: %+v", r)
	}
	// A header-only slot is decided whatever the payload length.
	r = run(t, c, v4(ipTCP, 80, strings.Repeat("x", 100)).bytes())
	if len(r.Events) != 1 || r.Events[0].Kind != Alert {
		t.Errorf("header-only slot: %+v", r)
	}
	if n := counters(t, c); n.ScanTruncated != 1 || n.Copies != 1 {
		t.Errorf("scan truncated %d, copies %d; want 1, 1", n.ScanTruncated, n.Copies)
	}
}

func TestEventCap(t *testing.T) {
	var rules []rule
	for i := range 20 {
		rules = append(rules, rule{Slot: slot(uint32(i), kernelgen.ActAlert), protos: tcp, dports: port(1234)})
	}
	c := load(t, build(rules), Options{})
	r := run(t, c, v4(ipTCP, 1234, "").bytes())
	var ids []uint32
	for _, e := range r.Events {
		ids = append(ids, e.Rule)
	}
	if want := []uint32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}; !slices.Equal(ids, want) {
		t.Errorf("alerts %v, want %v", ids, want)
	}
	if n := counters(t, c); n.EventsTruncated != 4 || n.Matched != 20 {
		t.Errorf("events truncated %d, matched %d; want 4, 20", n.EventsTruncated, n.Matched)
	}
}

func TestRingbufFull(t *testing.T) {
	c := load(t, build(testRules), Options{RingSize: 4096})
	if _, err := c.Bench(v4(ipTCP, 80, "").bytes(), 200); err != nil {
		t.Fatal(err)
	}
	n := counters(t, c)
	if n.RingbufFull == 0 || n.Events+n.RingbufFull != n.Alert {
		t.Errorf("events %d + ring buffer full %d, want %d alerts", n.Events, n.RingbufFull, n.Alert)
	}
	// The reader drained the ring: the next event fits.
	if r := run(t, c, v4(ipTCP, 80, "").bytes()); len(r.Events) != 1 {
		t.Errorf("after draining: %+v", r)
	}
}
