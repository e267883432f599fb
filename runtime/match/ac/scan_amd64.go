package ac

import "unsafe"

// The hot loops in assembly (scan_amd64.s, baseline x86-64): Go's
// compiler spills and reloads in them what fits in registers. They do
// what scanShortGo and probeLongGo do (TestAssembly).

func scanShort(r *[1 << 16]uint32, text []byte, j int, s uint64) (int, uint64, uint32) {
	return scanShortAsm(r, unsafe.SliceData(text), j, len(text), s)
}

func probeLong(t *tier, text []byte, i int) (int, uint64) {
	return probeLongAsm(unsafe.SliceData(t.first), t.fshift, unsafe.SliceData(text), i, len(text))
}

//go:noescape
func scanShortAsm(r *[1 << 16]uint32, text *byte, j, n int, s uint64) (next int, state uint64, cand uint32)

//go:noescape
func probeLongAsm(first *uint64, shift uint, text *byte, i, n int) (next int, x uint64)
