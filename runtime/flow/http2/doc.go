// Package http2 parses HTTP/2 connections as Suricata 8 does
// (rust/src/http2): after the client's connection preface, frames are
// read per direction; each stream is a transaction holding its frames,
// closed when both sides ended it (END_STREAM); every frame on stream 0
// (SETTINGS, PING, GOAWAY, WINDOW_UPDATE) is a transaction of its own,
// complete at once. Header blocks (HEADERS, PUSH_PROMISE, CONTINUATION,
// reassembled up to a bound) are HPACK-decoded with one dynamic table per
// direction. A stream whose content-type is application/dns-message
// carries DNS over HTTP/2 (DoH2): its body, or the dns= query of a GET,
// is kept for the DNS parser. Each transaction gives the EVE http record
// with its http2 object (Record).
package http2
