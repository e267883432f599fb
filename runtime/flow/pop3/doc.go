// Package pop3 parses POP3 sessions as Suricata 8 does (its rust/src/pop3
// parser over the sawp-pop3 crate): each client command is a
// transaction, a server response completes the oldest transaction still
// waiting for one (a response before any command, the greeting, makes a
// transaction of its own). The multi-line responses of LIST and UIDL
// without an argument, TOP and RETR wait for their ".\r\n" end; the body
// of a RETR whose response announces its size in octets is skipped, not
// kept. AUTH's SASL exchange and the empty server challenge ("+ \r\n")
// are followed; STLS accepted ends the parse (the rest is TLS). Each
// transaction gives the EVE pop3 record (Record). Suricata 8 has no
// pop3 rule keywords; its app-layer events are raised (Events).
package pop3
