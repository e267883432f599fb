package ac

import "unsafe"

// The hot loops in assembly (scan_amd64.s, baseline x86-64): Go's
// compiler spills and reloads in them what fits in registers. They do
// what scanShortGo and probeLongGo do (TestAssembly).

func scanShort(f *shortFilter, text []byte, j int, s uint64) (int, uint64, uint32) {
	if f.shift == 0 {
		return scanShortAsm(unsafe.SliceData(f.reach), unsafe.SliceData(text), j, len(text), s)
	}
	return scanShortCoarseAsm(unsafe.SliceData(f.reach), f.shift, unsafe.SliceData(text), j, len(text), s)
}

func probeLong(t *tier, text []byte, i int) (int, uint64) {
	return probeLongAsm(unsafe.SliceData(t.first), t.fshift, unsafe.SliceData(text), i, len(text))
}

//go:noescape
func scanShortAsm(reach *uint32, text *byte, j, n int, s uint64) (next int, state uint64, cand uint32)

//go:noescape
func scanShortCoarseAsm(reach *uint32, shift uint32, text *byte, j, n int, s uint64) (next int, state uint64, cand uint32)

//go:noescape
func probeLongAsm(first *uint64, shift uint, text *byte, i, n int) (next int, x uint64)
