//go:build !amd64

package ac

func scanShort(f *shortFilter, text []byte, j int, s uint64) (int, uint64, uint32) {
	return scanShortGo(f, text, j, s)
}

func probeLong(t *tier, text []byte, i int) (int, uint64) { return probeLongGo(t, text, i) }
