package http2

// Headers calls fn with each header field of a transaction's header
// frames in one direction (0 to server), in order: the instances of
// Suricata 8's http2.header_name (the name) and http2.header
// ("name: value") buffers.
func Headers(tx *Tx, d int, fn func(name, value []byte)) {
	for _, f := range tx.Frames[d] {
		for _, h := range f.Fields {
			fn(h.Name, h.Value)
		}
	}
}
