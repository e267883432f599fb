package http2

// Headers calls fn with each block of a transaction's header frames in
// one direction (0 to server), in order, a table size update with an
// empty name and value: the instances of Suricata 8's http2.header_name
// (the name) and http2.header ("name: value") buffers.
func Headers(tx *Tx, d int, fn func(name, value []byte)) { blocks(tx.Frames[d], fn) }
