// Package ftw runs go-ftw regression tests (the YAML format of OWASP CRS's
// tests/regression) in process against runtime/waf.
//
// A test's stages are requests. Each request is built as go-ftw builds it
// (the request line and headers as written, in order; with
// autocomplete_headers, the default, Content-Length is added when the test
// gives none, and Content-Type application/x-www-form-urlencoded when data
// is set and the test gives none; encoded_request and raw_request are sent
// as they are), then read back as Apache httpd, the platform CRS's tests
// are written for, reads it: headers up to the blank line, folded lines
// joined, repeated headers merged with ", ", HTTP/0.9 for a request line
// without protocol, a body only with chunked Transfer-Encoding (which
// drops Content-Length) or Content-Length; a bare CR in the request line or
// a header line makes a 400 that no rule sees, as in Apache (CRS test
// 921140-1). The transaction gets client 127.0.0.1 and the test's
// dest_addr and port.
//
// The backend answers like CRS's test backend (albedo): POST /reflect
// with a JSON body {"status", "headers", "body", "encodedBody"} returns
// that response; everything else gets an empty 200. A stage passes when
// every expect_ids id was logged and no no_expect_ids id was; "logged"
// means matched by a rule without nolog, as ModSecurity's error log would
// show. match_regex and no_match_regex are checked against a ModSecurity
// style log line per logged rule ([id "..."] [msg "..."] ...). Statuses
// are checked only for requests the server refuses itself; otherwise the
// engine runs in DetectionOnly, as CRS's test setup does.
//
// Platform override files (meta/*-overrides.yaml) replace the expected
// output of the tests they list, as go-ftw's overrides do; whether to use
// one is the caller's choice.
package ftw
