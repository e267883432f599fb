// Package reasm reassembles one direction of a TCP connection. A Half
// delivers bytes in sequence order as soon as they are contiguous; bytes
// already queued win over later copies, and so do bytes already delivered,
// except that a half told to Retain rewrites delivered bytes its peer has
// not acknowledged where the receiving host's Policy (Suricata's
// host-os-policy) takes the new data; out-of-order segments are held up
// to a per-half and a shared byte bound and a segment count, past which the
// oldest hole is skipped; a hole the peer has acknowledged is skipped at
// once, as the receiver evidently got bytes the capture lost; the stream
// ends when the FIN's sequence number is reached, or on Close.
//
// The flow tracker owns the connection state machine (SYN, handshake, RST)
// and the flow table, and tells each Half where its stream starts. It does
// not use gopacket/reassembly, whose Assembler keeps a connection table of
// its own with no way to end one connection: flows evicted at the table
// bound would keep their reassembly memory until a time-based sweep, and
// its end-of-input flush visits connections in map order, which would make
// the unit order vary between runs.
package reasm
