// Package dns parses DNS messages carried by UDP datagrams or by a TCP
// stream (two-byte length prefix) and fills inspection units: one per
// question of a query with dns.query and dns.queries.rrname (the name in
// dotted form without the trailing dot, as Suricata shows it), and one
// per answer of a response with dns.answers.rrname.
package dns
