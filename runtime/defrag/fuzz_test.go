package defrag

import (
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/decode"
)

// FuzzDefrag reads the input as fragments (4 bytes each: packet id and
// family, offset in 8-byte units, flags and length, data byte) and feeds
// them to a small defragmenter: nothing panics, the bounds hold, and every
// reassembled packet decodes as whole IP.
func FuzzDefrag(f *testing.F) {
	f.Add([]byte{0, 0, 0x83, 'a', 0, 2, 0x03, 'b'})
	f.Add([]byte{1, 0, 0x82, 'a', 1, 1, 0x82, 'b', 1, 1, 0x83, 'c', 1, 2, 0x01, 'd'})
	f.Add([]byte{0x80, 0, 0x84, 'x', 0x80, 3, 0x02, 'y', 0x80, 3, 0x02, 'z'})
	f.Fuzz(defragBody)
}

func defragBody(t *testing.T, in []byte) {
	{
		cfg := Config{Timeout: 3 * time.Second, Memcap: 4096, MaxTrackers: 4, MaxFragments: 16, Policy: Policy(len(in) % 4)}
		d := New(cfg)
		for i := 0; i+4 <= len(in); i += 4 {
			id, off, fl, c := in[i], int(in[i+1]), in[i+2], in[i+3]
			data := make([]byte, 8*int(fl&0x0f)+int(fl>>5&1))
			for j := range data {
				data[j] = c
			}
			more := fl&0x80 != 0
			var frame []byte
			if id&0x80 != 0 {
				frame = frag6(uint32(id&3), off*8, more, data)
			} else {
				frame = frag4(uint16(id&3), off*8, more, data)
			}
			var p decode.Packet
			if decode.Decode(frame, &p) != nil || p.L4 != decode.L4Fragment {
				continue
			}
			out := d.Add(t0.Add(time.Duration(i)*time.Second/4), &p)
			s := d.Stats()
			if s.Bytes > cfg.Memcap || s.Trackers > cfg.MaxTrackers || d.frags > cfg.MaxFragments || s.Bytes < 0 {
				t.Fatalf("bounds: %+v, %d fragments", s, d.frags)
			}
			if out == nil {
				continue
			}
			var r decode.Packet
			if err := decode.Decode(out, &r); err != nil || r.Family == 0 || r.L4 == decode.L4Fragment || r.NetEnd != len(out) {
				t.Fatalf("reassembled %x: %v, family %d, l4 %d", out, err, r.Family, r.L4)
			}
		}
	}
}
