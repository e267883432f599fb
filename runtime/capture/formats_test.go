package capture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

var ipv4 = []byte{0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2}

type got struct {
	frames [][]byte
	n      []uint64
}

func (g *got) fn(_ time.Time, f []byte, n uint64) error {
	g.frames = append(g.frames, f)
	g.n = append(g.n, n)
	return nil
}

func isIPv4Ether(f []byte) bool {
	return len(f) == 14+len(ipv4) && binary.BigEndian.Uint16(f[12:]) == etherIPv4 && bytes.Equal(f[14:], ipv4)
}

// ngSection writes one pcapng section with an interface per link type and
// one packet on each.
func ngSection(t *testing.T, buf *bytes.Buffer, frames map[layers.LinkType][]byte, order []layers.LinkType) {
	t.Helper()
	w, err := pcapgo.NewNgWriterInterface(buf, pcapgo.NgInterface{LinkType: order[0], SnapLength: 65535}, pcapgo.NgWriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[layers.LinkType]int{order[0]: 0}
	for _, lt := range order[1:] {
		id, err := w.AddInterface(pcapgo.NgInterface{LinkType: lt, SnapLength: 65535})
		if err != nil {
			t.Fatal(err)
		}
		ids[lt] = id
	}
	for _, lt := range order {
		f := frames[lt]
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1, 0), CaptureLength: len(f), Length: len(f), InterfaceIndex: ids[lt]}
		if err := w.WritePacket(ci, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}

// TestPcapngMixedLinkTypesAndSections reads every interface of a pcapng
// with its own link type (Ethernet, raw IP, SLL2, an unsupported one) and
// goes on into a second section.
func TestPcapngMixedLinkTypesAndSections(t *testing.T) {
	eth := ether(etherIPv4, ipv4)
	sll2 := append(append([]byte{0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6}, make([]byte, 8)...), ipv4...)
	frames := map[layers.LinkType][]byte{
		layers.LinkTypeEthernet:   eth,
		layers.LinkTypeRaw:        ipv4,
		linkSLL2:                  sll2,
		layers.LinkTypeIEEE802_11: {1, 2, 3},
		layers.LinkTypeLinuxSLL:   append(append(make([]byte, 14), 0x08, 0x00), ipv4...),
	}
	var buf bytes.Buffer
	ngSection(t, &buf, frames, []layers.LinkType{layers.LinkTypeEthernet, layers.LinkTypeRaw, linkSLL2, layers.LinkTypeIEEE802_11})
	ngSection(t, &buf, frames, []layers.LinkType{layers.LinkTypeLinuxSLL, layers.LinkTypeEthernet})
	var g got
	var src Source
	if err := src.Read(&buf, g.fn); err != nil {
		t.Fatal(err)
	}
	if len(g.frames) != 5 {
		t.Fatalf("%d frames, want 5 (records %v)", len(g.frames), g.n)
	}
	for i, f := range g.frames {
		if !isIPv4Ether(f) {
			t.Errorf("frame %d (record %d): % x", i, g.n[i], f)
		}
	}
	if want := []uint64{1, 2, 3, 5, 6}; !equal(g.n, want) {
		t.Errorf("record numbers %v, want %v", g.n, want)
	}
	if src.Stats.Records != 6 || src.Stats.OtherLink != 1 {
		t.Errorf("stats %+v", src.Stats)
	}
}

func equal(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// classicFile builds a pcap by hand so records can break the rules.
func classicFile(snap uint32, link layers.LinkType, recs ...[3]any) []byte {
	var b bytes.Buffer
	h := make([]byte, 24)
	binary.LittleEndian.PutUint32(h[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(h[4:], 2)
	binary.LittleEndian.PutUint16(h[6:], 4)
	binary.LittleEndian.PutUint32(h[16:], snap)
	binary.LittleEndian.PutUint32(h[20:], uint32(link))
	b.Write(h)
	for _, r := range recs {
		data, caplen, wire := r[0].([]byte), r[1].(int), r[2].(int)
		rh := make([]byte, 16)
		binary.LittleEndian.PutUint32(rh[0:], 1)
		binary.LittleEndian.PutUint32(rh[8:], uint32(caplen))
		binary.LittleEndian.PutUint32(rh[12:], uint32(wire))
		b.Write(rh)
		b.Write(data)
	}
	return b.Bytes()
}

// TestClassicRecordsAsLibpcap: a record longer than its wire length is
// read and counted; one longer than the snap length keeps the snap length;
// one longer than any snap length stops the read after what came before.
func TestClassicRecordsAsLibpcap(t *testing.T) {
	eth := ether(etherIPv4, ipv4)
	long := append(append([]byte{}, eth...), 0xaa, 0xbb)
	file := classicFile(uint32(len(eth)), layers.LinkTypeEthernet,
		[3]any{eth, len(eth), len(eth) - 4},
		[3]any{long, len(long), len(long)},
		[3]any{eth, len(eth), len(eth)},
		[3]any{[]byte{}, maxRecord + 1, maxRecord + 1},
		[3]any{eth, len(eth), len(eth)},
	)
	var g got
	var src Source
	err := src.Read(bytes.NewReader(file), g.fn)
	if !errors.Is(err, ErrRecord) {
		t.Fatalf("err %v, want ErrRecord", err)
	}
	if len(g.frames) != 3 {
		t.Fatalf("%d frames before the bad record, want 3", len(g.frames))
	}
	for i, f := range g.frames {
		if !isIPv4Ether(f) {
			t.Errorf("frame %d: % x", i, f)
		}
	}
	if src.Stats.OverWire != 1 || src.Stats.Records != 3 {
		t.Errorf("stats %+v", src.Stats)
	}
}

func TestPPPBecomesEthernet(t *testing.T) {
	for _, f := range [][]byte{
		append([]byte{0xff, 0x03, 0x00, 0x21}, ipv4...),
		append([]byte{0x00, 0x21}, ipv4...),
		append([]byte{0x21}, ipv4...),
	} {
		var g got
		if err := Read(bytes.NewReader(classicFile(65535, layers.LinkTypePPP, [3]any{f, len(f), len(f)})), g.fn); err != nil {
			t.Fatal(err)
		}
		if len(g.frames) != 1 || !isIPv4Ether(g.frames[0]) {
			t.Errorf("% x: %d frames", f, len(g.frames))
		}
	}
}
