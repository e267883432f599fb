package pipeline

// arenaChunk is the size of the chunks a batch copies its frames into.
const arenaChunk = 256 << 10

// arena holds copies of a batch's frames, which the capture reader hands
// out in memory it reuses for the next record. Its chunks are kept and
// refilled when the batch is reused, so frames cost no allocation once
// the batches in flight have their chunks.
type arena struct {
	chunks [][]byte
	cur    int
}

// copy returns a copy of b in the arena, valid until reset.
func (a *arena) copy(b []byte) []byte {
	for ; a.cur < len(a.chunks); a.cur++ {
		c := a.chunks[a.cur]
		if n := len(c); cap(c)-n >= len(b) {
			c = append(c, b...)
			a.chunks[a.cur] = c
			return c[n:len(c):len(c)]
		}
	}
	c := append(make([]byte, 0, max(arenaChunk, len(b))), b...)
	a.chunks = append(a.chunks, c)
	return c[:len(b):len(b)]
}

// reset empties the arena, keeping its chunks.
func (a *arena) reset() {
	a.cur = 0
	switch arenaTest {
	case arenaFresh:
		a.chunks = nil
		return
	case arenaScribble:
		for _, c := range a.chunks {
			all := c[:cap(c)]
			for j := range all {
				all[j] = 0xa5
			}
		}
	}
	for i, c := range a.chunks {
		a.chunks[i] = c[:0]
	}
}

// arenaTest is how a reset arena treats its frames: tests make the
// arenas fresh or overwrite them to find state that keeps a frame's bytes
// past its batch.
var arenaTest int

const (
	arenaReuse = iota
	arenaFresh
	arenaScribble
)
