package capture

import (
	"bytes"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// TestLinkKeepsRecord: for every link type, the Link handed out with a
// frame gives back the record as captured, and its type.
func TestLinkKeepsRecord(t *testing.T) {
	sll2 := append(append([]byte{0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6}, make([]byte, 8)...), ipv4...)
	records := map[layers.LinkType][]byte{
		layers.LinkTypeEthernet: append([]byte{0, 0x25, 0x90, 0xe3, 0xd2, 0xe1, 0x0c, 0x86, 0x10, 0xed, 0xd7, 0xc6, 0x08, 0x00}, ipv4...),
		layers.LinkTypeRaw:      ipv4,
		linkSLL2:                sll2,
		layers.LinkTypePPP:      append([]byte{0x21}, ipv4...),
		layers.LinkTypeNull:     append([]byte{2, 0, 0, 0}, ipv4...),
	}
	order := []layers.LinkType{layers.LinkTypeEthernet, layers.LinkTypeRaw, linkSLL2, layers.LinkTypePPP, layers.LinkTypeNull}
	var buf bytes.Buffer
	ngSection(t, &buf, records, order)
	var src Source
	i := 0
	err := src.Read(&buf, func(_ time.Time, frame []byte, _ uint64) error {
		lt := order[i]
		i++
		if got := src.Link.LinkType(); got != uint16(lt) {
			t.Errorf("%s: link type %d", lt, got)
		}
		if got := src.Link.Record(frame); !bytes.Equal(got, records[lt]) {
			t.Errorf("%s: record % x, want % x", lt, got, records[lt])
		}
		if src.Link.Ethernet() != (lt == layers.LinkTypeEthernet) {
			t.Errorf("%s: Ethernet() = %v", lt, src.Link.Ethernet())
		}
		return nil
	})
	if err != nil || i != len(order) {
		t.Fatalf("read %d records: %v", i, err)
	}
}
