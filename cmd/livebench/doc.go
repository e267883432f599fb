// Command livebench measures `rulec run` live: it makes its own pair of
// network namespaces joined by a veth pair, runs rulec on the server's
// end, sends a paced mix of DNS queries over UDP and HTTP requests over
// keep-alive TCP connections from the client's end (some of them matching
// known rules), and prints one benchmark line with what was sent, what the
// ring buffer lost, the alerts expected against those raised and the
// kernel/userspace counters of rulec's run summary. The namespaces are
// removed on every exit path. It measures; it asserts nothing.
package main
