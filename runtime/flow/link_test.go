package flow

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/gopacket/gopacket/layers"
)

func TestLinkTypes(t *testing.T) {
	eth := udp("10.0.0.1", "10.0.0.2", 1111, 2222, []byte("over any link"))
	ip := eth[ethHeaderLen:]
	sll := append(make([]byte, 14), 0x08, 0x00)
	sll2 := append([]byte{0x08, 0x00}, make([]byte, 18)...)
	tests := []struct {
		name  string
		lt    layers.LinkType
		frame []byte
	}{
		{"ethernet", layers.LinkTypeEthernet, eth},
		{"null little endian", layers.LinkTypeNull, append(binary.LittleEndian.AppendUint32(nil, 2), ip...)},
		{"loop", layers.LinkTypeLoop, append(binary.BigEndian.AppendUint32(nil, 2), ip...)},
		{"raw", layers.LinkTypeRaw, ip},
		{"bsd raw", 12, ip},
		{"sll", layers.LinkTypeLinuxSLL, append(sll, ip...)},
		{"sll2", layers.LinkTypeLinuxSLL2, append(sll2, ip...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, s := newTracker(DefaultConfig())
			if err := tr.SetLinkType(tc.lt); err != nil {
				t.Fatal(err)
			}
			feed(t, tr, tc.frame)
			if len(s.units) != 1 || s.units[0].buffers["payload"] != "over any link" || s.units[0].packet.Dport != 2222 {
				t.Errorf("units %v", s.units)
			}
		})
	}
	tr, _ := newTracker(DefaultConfig())
	if err := tr.SetLinkType(layers.LinkTypeIEEE802_11); !errors.Is(err, ErrLinkType) {
		t.Errorf("802.11: %v", err)
	}
	tr.SetLinkType(layers.LinkTypeRaw)
	if _, err := tr.Frame(t0, []byte{0x50, 0, 0}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("raw ip version 5: %v", err)
	}
	tr.SetLinkType(layers.LinkTypeNull)
	if p, err := tr.Frame(t0, append(binary.LittleEndian.AppendUint32(nil, 7), ip...)); p != nil || err != nil {
		t.Errorf("unknown loopback family: %v, %v", p, err)
	}
	if st := tr.Stats(); st.NonIP != 1 || st.DecodeErrors != 1 {
		t.Errorf("stats %+v", st)
	}
}
