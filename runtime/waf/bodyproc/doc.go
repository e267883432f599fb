// Package bodyproc holds the request body processors ModSecurity selects
// with REQBODY_PROCESSOR, one file per processor registering itself under
// its name: URLENCODED, MULTIPART, JSON and XML.
//
// A processor reads the whole buffered body and reports what it finds to
// a Sink; the engine turns that into ARGS_POST, FILES, XML,
// MULTIPART_PART_HEADERS and the MULTIPART_* flags. An error means the
// body could not be parsed (REQBODY_ERROR); what was found before the
// error is still reported, for a best-effort inspection.
package bodyproc
