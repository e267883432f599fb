package ac

import (
	"math/rand/v2"
	"testing"
)

// TestAssembly checks that the assembly loops stop where the Go ones do,
// with the same state, on random tables and texts of every length
// around their steps, from every start.
func TestAssembly(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for iter := range 200 {
		f := &shortFilter{}
		if iter%2 == 1 {
			f.shift = coarseBits
		}
		f.reach = make([]uint32, 1<<(16-f.shift))
		for i := range f.reach {
			f.reach[i] = ^uint32(0)
			if rng.IntN(40) == 0 {
				f.reach[i] &^= 1 << rng.IntN(32)
			}
		}
		first := make([]uint64, 1<<(3+iter%5))
		for i := range first {
			first[i] = rng.Uint64() & rng.Uint64() & rng.Uint64()
		}
		tr := &tier{first: first, fshift: uint(64 - (3 + iter%5))}
		text := make([]byte, rng.IntN(80))
		for i := range text {
			text[i] = byte(rng.IntN(256))
		}
		for j := 1; j <= len(text); j++ {
			s := rng.Uint64()
			gj, gs, gz := scanShortGo(f, text, j, s)
			aj, as, az := scanShort(f, text, j, s)
			if gj != aj || gs != as || gz != az {
				t.Fatalf("scanShort (shift %d) from %d of %d bytes: assembly (%d %x %x), Go (%d %x %x)", f.shift, j, len(text), aj, as, az, gj, gs, gz)
			}
		}
		for i := 0; i <= len(text); i++ {
			gi, gx := probeLongGo(tr, text, i)
			ai, ax := probeLong(tr, text, i)
			if gi != ai || gx != ax {
				t.Fatalf("probeLong from %d of %d bytes: assembly (%d %x), Go (%d %x)", i, len(text), ai, ax, gi, gx)
			}
		}
	}
}
