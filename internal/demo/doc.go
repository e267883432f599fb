// Package demo generates the demo traffic `make demo` runs the default rule
// set on: HTTP sessions (benign and attack-like), DNS queries over UDP,
// ICMP pings, a telnet and an SMB connection attempt, an SNMP request and a
// SYN scan burst, as a pcap.
package demo
