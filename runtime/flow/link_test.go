package flow

import (
	"errors"
	"github.com/rulec/rulec/runtime/decode"
	"testing"
)

func TestEthernetEdges(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	if _, err := tr.Frame(t0, make([]byte, 10)); !errors.Is(err, decode.ErrTruncated) {
		t.Errorf("short frame: %v", err)
	}
	arp := make([]byte, 60)
	arp[12], arp[13] = 0x08, 0x06
	if p, err := tr.Frame(t0, arp); p != nil || err != nil {
		t.Errorf("ARP frame: %v, %v", p, err)
	}
	tagged := append(append([]byte{}, arp[:12]...), 0x81, 0x00, 0x00, 0x05)
	if _, err := tr.Frame(t0, tagged); !errors.Is(err, decode.ErrTruncated) {
		t.Errorf("VLAN tag without its inner type: %v", err)
	}
	if st := tr.Stats(); st.NonIP != 1 || st.DecodeErrors != 2 || len(s.units) != 0 {
		t.Errorf("stats %+v, units %v", st, s.units)
	}
}
