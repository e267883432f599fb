// Package http parses HTTP/1.x from the two reassembled streams of a TCP
// connection into transactions and fills inspection units with Suricata's
// HTTP sticky buffers.
//
// A Parser reports four stages per transaction: request line and headers
// complete, request body complete, response headers complete, response
// body complete. Requests may be pipelined; responses pair with requests in
// order. Bodies are delimited by Content-Length, chunked transfer-encoding
// or the end of the stream, dechunked, and decompressed (gzip, deflate)
// up to Config.BodyLimit. When a stream ends early, the stage it was in is
// reported with what arrived.
//
// Heads are bounded as libhtp bounds them, and a head past a bound is
// inspected with what was kept rather than given up: a start line or
// header line longer than Config.FieldLimit is cut to it (event
// http.request_field_too_long or http.response_field_too_long); past
// Config.MaxHeaders header lines or Config.MaxHeaderBytes bytes the rest
// of the head is read to its blank line without being kept (event
// http.request_too_many_headers or http.response_too_many_headers). The
// message's framing comes from the headers kept, and parsing goes on with
// the next message. Events are listed on the transaction (Tx.Events) and
// on its units.
//
// Buffer normalisation follows libhtp's defaults as Suricata configures
// them: http.uri drops scheme and authority of an absolute URI,
// percent-decodes path and query (an invalid escape stays as it is, '+'
// stays '+'), turns '\' into '/', compresses repeated '/' and removes dot
// segments; http.host is lower-cased without port, user info or trailing
// dots. Repeated headers are merged into one "v1, v2" value at the first
// one's place. http.header and http.start use "Name: value\r\n" per merged
// header, with folded lines joined and values trimmed; http.header leaves
// out Cookie (requests) and Set-Cookie (responses) as Suricata does;
// http.header.raw is the header block exactly as on the wire, blank line
// included. http.request_header and http.response_header are
// multi-buffers: one "Name: value" instance per merged header.
package http
