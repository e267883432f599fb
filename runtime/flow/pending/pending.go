package pending

import "slices"

// keepMax is the room kept once nothing is pending; more is released.
const keepMax = 4096

// Dirs holds, by direction (0 to the server, 1 to the client), the bytes
// not consumed yet.
type Dirs [2][]byte

// Dir is the index of a direction.
func Dir(toServer bool) int {
	if toServer {
		return 0
	}
	return 1
}

// Join returns direction d's pending bytes followed by b: b itself when
// none are pending.
func (p *Dirs) Join(d int, b []byte) []byte {
	if len(p[d]) == 0 {
		return b
	}
	p[d] = append(p[d], b...)
	return p[d]
}

// Keep holds rest, the end of what Join returned that was not consumed,
// as direction d's pending bytes. rest may be the caller's bytes or the
// end of the pending ones, so it is copied down.
func (p *Dirs) Keep(d int, rest []byte) {
	m := copy(p[d][:cap(p[d])], rest)
	if m < len(rest) {
		p[d] = append(p[d][:m], rest[m:]...)
		return
	}
	p[d] = p[d][:m]
	if m == 0 && cap(p[d]) > keepMax {
		p[d] = nil
	}
}

// Held is the room the pending bytes take.
func (p *Dirs) Held() int { return cap(p[0]) + cap(p[1]) }

// Retire drops the transactions done reports finished, keeping the
// order of the others, and clears the released tail.
func Retire[T any](txs []T, done func(T) bool) []T {
	kept := txs[:0]
	for _, tx := range txs {
		if !done(tx) {
			kept = append(kept, tx)
		}
	}
	clear(txs[len(kept):])
	return kept
}

// Event returns a transaction's app-layer events with name added, once.
func Event(events []string, name string) []string {
	if slices.Contains(events, name) {
		return events
	}
	return append(events, name)
}
