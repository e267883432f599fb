package http2

// sizeUpdates returns the dynamic table size updates of an HPACK header
// block (RFC 7541 section 6.3), wherever in the block they are, as
// Suricata's parser keeps each as a block of the frame (the
// http2.size_update keyword, EVE table_size_update). The walk stops
// where a representation is cut short or its integer overflows.
func sizeUpdates(b []byte) []uint64 {
	var out []uint64
	for len(b) > 0 {
		c := b[0]
		var ok bool
		switch {
		case c&0x80 != 0: // indexed field
			_, b, ok = hpackInt(b, 7)
		case c&0x40 != 0: // literal with incremental indexing
			b, ok = hpackLiteral(b, 6)
		case c&0x20 != 0:
			var n uint64
			if n, b, ok = hpackInt(b, 5); ok {
				out = append(out, n)
			}
		default: // literal never indexed (0x10) or without indexing
			b, ok = hpackLiteral(b, 4)
		}
		if !ok {
			break
		}
	}
	return out
}

// hpackLiteral skips a literal field: its name index, the name string
// when the index is 0, and the value string.
func hpackLiteral(b []byte, prefix uint) ([]byte, bool) {
	idx, b, ok := hpackInt(b, prefix)
	if ok && idx == 0 {
		b, ok = hpackString(b)
	}
	if ok {
		b, ok = hpackString(b)
	}
	return b, ok
}

func hpackString(b []byte) ([]byte, bool) {
	n, b, ok := hpackInt(b, 7)
	if !ok || n > uint64(len(b)) {
		return nil, false
	}
	return b[n:], true
}

// hpackInt reads a prefix-coded integer (RFC 7541 section 5.1) as
// Suricata's http2_parse_var_uint does: more than nine continuation
// bytes (or nine with a final byte above 1) read as 0; a sum past
// 2^64-1 is an overflow (ok false).
func hpackInt(b []byte, prefix uint) (uint64, []byte, bool) {
	max := uint64(1)<<prefix - 1
	v := uint64(b[0]) & max
	b = b[1:]
	if v < max {
		return v, b, true
	}
	i := 0
	for i < len(b) && b[i]&0x80 != 0 {
		i++
	}
	if i >= len(b) {
		return 0, nil, false
	}
	cont, final := b[:i], b[i]
	b = b[i+1:]
	if len(cont) > 9 || (len(cont) == 9 && final > 1) {
		return 0, b, true
	}
	for j, e := range cont {
		v += uint64(e&0x7f) << (7 * j)
	}
	add := uint64(final) << (7 * len(cont))
	if v+add < v {
		return 0, nil, false
	}
	return v + add, b, true
}
