// Package dcerpc reads connection-oriented DCE/RPC (version 5) over TCP
// as Suricata 8's DCERPC parser does: PDU headers in the byte order of
// their data representation, the presentation contexts of bind and
// alter_context with the results of their acks, and requests and
// responses gathered into transactions by call id, whose stub data is
// reassembled over fragments up to a per-transaction bound.
package dcerpc
