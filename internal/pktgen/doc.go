// Package pktgen builds Ethernet frames for tests, benchmarks and the demo
// pcap: IPv4 or IPv6, optional VLAN tags, TCP, UDP, ICMP or ICMPv6 with a
// payload, lengths and checksums filled in by gopacket.
package pktgen
