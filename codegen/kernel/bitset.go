package kernel

// newBitset returns an empty bitset of the table's shape.
func (t *Tables) newBitset() Bitset { return make(Bitset, t.NSummary+t.NWords) }

// set adds slot i to b, keeping the summary current.
func (t *Tables) set(b Bitset, i int) {
	w := i / 64
	b[t.NSummary+w] |= 1 << (i % 64)
	b[w/64] |= 1 << (w % 64)
}

// or adds every slot of o to b.
func (t *Tables) or(b, o Bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// Has reports whether slot i is in b.
func (t *Tables) Has(b Bitset, i int) bool {
	return b != nil && b[t.NSummary+i/64]&(1<<(i%64)) != 0
}

// And returns the slots in every one of bs; nil stands for the empty set.
func (t *Tables) And(bs ...Bitset) []int { return t.AndInto(nil, bs...) }

// FirstAnd returns the lowest slot in every one of bs, or -1 when there
// is none: And's first element, without building the list.
func (t *Tables) FirstAnd(bs ...Bitset) int {
	for _, b := range bs {
		if b == nil {
			return -1
		}
	}
	for sw := 0; sw < t.NSummary; sw++ {
		sum := ^uint64(0)
		for _, b := range bs {
			sum &= b[sw]
		}
		for ; sum != 0; sum &= sum - 1 {
			w := sw*64 + trailing(sum)
			word := ^uint64(0)
			for _, b := range bs {
				word &= b[t.NSummary+w]
			}
			if word != 0 {
				return w*64 + trailing(word)
			}
		}
	}
	return -1
}

// AndInto is And appending to out.
func (t *Tables) AndInto(out []int, bs ...Bitset) []int {
	for _, b := range bs {
		if b == nil {
			return out
		}
	}
	for sw := 0; sw < t.NSummary; sw++ {
		sum := ^uint64(0)
		for _, b := range bs {
			sum &= b[sw]
		}
		for ; sum != 0; sum &= sum - 1 {
			w := sw*64 + trailing(sum)
			word := ^uint64(0)
			for _, b := range bs {
				word &= b[t.NSummary+w]
			}
			for ; word != 0; word &= word - 1 {
				out = append(out, w*64+trailing(word))
			}
		}
	}
	return out
}

// Any reports whether some slot is in every one of bs.
func (t *Tables) Any(bs ...Bitset) bool {
	for _, b := range bs {
		if b == nil {
			return false
		}
	}
	for sw := 0; sw < t.NSummary; sw++ {
		sum := ^uint64(0)
		for _, b := range bs {
			sum &= b[sw]
		}
		for ; sum != 0; sum &= sum - 1 {
			w := t.NSummary + sw*64 + trailing(sum)
			word := ^uint64(0)
			for _, b := range bs {
				word &= b[w]
			}
			if word != 0 {
				return true
			}
		}
	}
	return false
}
