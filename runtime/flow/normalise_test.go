package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestNormaliseOverlap: in IPS mode a segment overlapping stream data
// with different bytes is given the stream's bytes, with a valid TCP
// checksum, before it is inspected; the same segment in IDS mode, one
// with the same bytes, and new data are left alone.
func TestNormaliseOverlap(t *testing.T) {
	for _, ips := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.IPS = ips
		tr, _ := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
		feed(t, tr, concat(c.handshake(), c.c2s("GOODBYE"))...)
		cases := []struct {
			name  string
			frame []byte
			want  string // "": not rewritten
		}{
			{"exact overlap", c.c2sAt(-7, "EVILBYE"), "GOODBYE"},
			{"overlap and new data", c.c2sAt(-3, "XXXnew"), "BYEnew"},
			{"same bytes", c.c2sAt(-7, "GOODBYE"), ""},
			{"new data", c.c2sAt(0, "more"), ""},
		}
		for _, tc := range cases {
			var d, n decode.Packet
			if err := decode.Decode(tc.frame, &d); err != nil {
				t.Fatal(err)
			}
			got := tr.Normalise(&d, &n)
			want := ips && tc.want != ""
			if got != want {
				t.Errorf("IPS %v, %s: rewritten %v, want %v", ips, tc.name, got, want)
				continue
			}
			if !got {
				continue
			}
			if string(n.Payload) != tc.want {
				t.Errorf("%s: payload %q, want %q", tc.name, n.Payload, tc.want)
			}
			p := inspect.Packet{Frame: n.Frame, Family: n.Family, Proto: n.Proto, L4: n.L4, NetOff: n.NetOff, L4Off: n.L4Off, NetEnd: n.NetEnd}
			if ok, _ := p.Checksum("tcpv4"); !ok {
				t.Errorf("%s: rewritten packet's TCP checksum invalid", tc.name)
			}
			if string(d.Payload) == tc.want {
				t.Errorf("%s: the original frame was changed", tc.name)
			}
		}
		if want := uint64(0); !ips && tr.Stats().Normalised != want {
			t.Errorf("IDS: %d packets normalised", tr.Stats().Normalised)
		}
	}
}
