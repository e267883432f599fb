// Package smtp parses SMTP sessions as Suricata 8's SMTP parser does:
// commands and replies matched through a command queue, transactions
// (one per mail, from its first command to the reply to RSET, the end of
// DATA or a STARTTLS), the HELO/EHLO, MAIL FROM and RCPT TO parameters,
// DATA and BDAT modes, and the MIME decoding of each mail (Suricata's
// rust/src/mime/smtp.rs): the message's headers, multipart boundaries,
// base64 and quoted-printable bodies, attachments as files and URLs found
// in text parts. It raises Suricata's smtp.* app-layer events and reports
// the frames Suricata's parser opens (command_line, data,
// response_line).
package smtp
