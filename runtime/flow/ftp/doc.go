// Package ftp parses FTP control connections as Suricata 8's FTP parser
// does: each command its table knows starts a transaction, replies join
// the oldest transaction still open (a 1yz preliminary reply keeps it
// open, any other line completes it, the lines of a multi-line reply
// join the same one), a reply with no transaction before it (the
// server's banner) makes one of its own. PORT and EPRT replies (active
// mode) and 227/229 replies to PASV and EPSV (passive mode) set the
// dynamic port; a data transfer command after it announces the ftp-data
// connection to expect (Transfer). Lines longer than the line limit are
// cut and flagged as Suricata's ftp.request_command_too_long and
// ftp.response_command_too_long events.
package ftp
