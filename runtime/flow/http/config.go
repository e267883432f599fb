package http

import "github.com/rulec/rulec/runtime/filehash"

// Config bounds what a Parser holds.
type Config struct {
	// MaxHeaderBytes bounds the bytes of a head (start line and headers)
	// kept for inspection. Past it the rest of the head is read to its end
	// without being kept, the request or response is inspected with what
	// was kept, and parsing goes on with the next message.
	MaxHeaderBytes int
	// FieldLimit bounds one start line or header line (with its folded
	// continuations), as libhtp's field limit (Suricata's meta-field-limit):
	// a longer line is cut to it.
	FieldLimit int
	// MaxHeaders bounds the header lines of a head kept (libhtp's headers
	// limit); later ones are read past.
	MaxHeaders int
	// BodyLimit is the most bytes of a body kept for inspection, both
	// before and after decompression (Suricata's request-body-limit and
	// response-body-limit).
	BodyLimit int
	// RequestBodyLimit and ResponseBodyLimit, when set, are the limits of
	// one direction (Suricata's request-body-limit, response-body-limit).
	RequestBodyLimit, ResponseBodyLimit int
	// StoreDepth, when over a direction's body limit, is how far a
	// filestore rule matching a body's file lifts that limit (Suricata's
	// file-store stream-depth, else stream.reassembly.depth: the
	// filestore postmatch sets HTP_STREAM_DEPTH_SET on the transaction).
	// Bodies are then kept up to it, and Parser.Lift inspects them so.
	StoreDepth int
	// EncodedLimit is the most bytes of a body with a Content-Encoding kept
	// for decompression.
	EncodedLimit int
	// DoubleDecodePath and DoubleDecodeQuery decode the normalised path,
	// or the query, of http.uri a second time and raise
	// http.double_encoded_uri when that changes it (libhtp's
	// double-decode-path and double-decode-query, off by default).
	DoubleDecodePath, DoubleDecodeQuery bool
	// DumpRequestHeaders and DumpResponseHeaders put every header of the
	// request, or the response, in the transaction's EVE http section
	// ("request_headers", "response_headers": the eve-log http type's
	// dump-all-headers).
	DumpRequestHeaders, DumpResponseHeaders bool
	// FileHashes are the digests computed of a file a body carries
	// (whole within BodyLimit; sha256 only of a file cut there).
	FileHashes filehash.Kinds
	// Memcap, when set, bounds the memory of every parser sharing it.
	Memcap *Memcap
	// Bodies, when set, is where the parsers sharing it take their body
	// buffers from and give them back once a transaction is finished.
	Bodies *Bodies
}

// DefaultConfig returns Suricata-like limits: 18 KiB lines, 1,024 headers
// and 64 KiB per head, 100 KiB bodies, 1 MiB of compressed body.
func DefaultConfig() Config {
	return Config{MaxHeaderBytes: 64 << 10, FieldLimit: 18 << 10, MaxHeaders: 1024, BodyLimit: 100 << 10, EncodedLimit: 1 << 20}
}

// Limit is the body limit of requests, or with resp of responses.
func (c *Config) Limit(resp bool) int {
	switch {
	case resp && c.ResponseBodyLimit > 0:
		return c.ResponseBodyLimit
	case !resp && c.RequestBodyLimit > 0:
		return c.RequestBodyLimit
	}
	return c.BodyLimit
}

// keep is how many body bytes of a direction to keep: up to the limit a
// filestore rule may lift it to.
func (c *Config) keep(resp bool) int {
	return max(c.Limit(resp), c.StoreDepth)
}
