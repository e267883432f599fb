// Package tls reads the ClientHello at the start of a TLS client stream,
// whose records and handshake message may be split across TCP segments,
// and fills an inspection unit with tls.sni, ja3.string and ja3.hash
// (GREASE values left out, as JA3 specifies).
package tls
