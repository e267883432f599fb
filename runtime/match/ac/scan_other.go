//go:build !amd64

package ac

func scanShort(r *[1 << 16]uint32, text []byte, j int, s uint64) (int, uint64, uint32) {
	return scanShortGo(r, text, j, s)
}

func probeLong(t *tier, text []byte, i int) (int, uint64) { return probeLongGo(t, text, i) }
