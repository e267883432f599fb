// Package sink is where EVE records go, with Suricata's eve-log file
// types: a regular file (reopened for logrotate), a unix stream or datagram
// socket, or syslog. Records are whole lines; one that cannot be delivered
// is counted, never blocks detection for long.
package sink
