package flow

import (
	"bytes"
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

const smtpMail = "From: a@example.com\r\nCc: c@example.com\r\nSubject: report\r\n" +
	"Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n" +
	"--b1\r\nContent-Disposition: attachment; filename=\"r.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"

// TestSMTPFlow: a server banner on port 25 makes the flow SMTP before the
// client speaks; the mail's units carry the envelope, the main headers
// and the attachment (name, magic, size once closed); the transaction's
// smtp record is written when the server acknowledges the mail.
func TestSMTPFlow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	var recs []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) { recs = append(recs, u) })
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	pdf := base64.StdEncoding.EncodeToString([]byte("%PDF-1.5\n" + strings.Repeat("x", 40)))
	feed(t, tr, concat(c.handshake(),
		c.s2c("220 mx.example.com ESMTP\r\n"), c.c2s("EHLO client.example\r\n"), c.s2c("250 mx\r\n"),
		c.c2s("MAIL FROM:<a@example.com>\r\n"), c.s2c("250 ok\r\n"), c.c2s("RCPT TO:<b@example.com>\r\n"),
		c.s2c("250 ok\r\n"), c.c2s("DATA\r\n"), c.s2c("354 go\r\n"),
		c.c2s(smtpMail), c.c2s(pdf+"\r\n--b1--\r\n.\r\n"), c.s2c("250 queued\r\n"), c.cAck(), c.sAck())...)
	apps := s.of(inspect.KindApp)
	if len(apps) == 0 || apps[0].app != "smtp" {
		t.Fatalf("no smtp units: %d", len(apps))
	}
	var withFile, closed *record
	for i := range apps {
		u := &apps[i]
		if u.dir == inspect.ToServer && u.buffers["file.name"] == "r.pdf" && withFile == nil {
			withFile = u
		}
		if len(u.codes["filesize"]) > 0 {
			closed = u
		}
	}
	if withFile == nil || withFile.buffers["email.subject"] != "report" || withFile.buffers["email.cc"] != "c@example.com" ||
		withFile.buffers["smtp.helo"] != "client.example" || withFile.buffers["smtp.mail_from"] != "<a@example.com>" {
		t.Fatalf("unit with the attachment: %+v", withFile)
	}
	if closed == nil || closed.codes["filesize"][0] != 49 || !strings.HasPrefix(closed.buffers["file.magic"], "PDF document, version 1.5") {
		t.Fatalf("closed file: %+v", closed)
	}
	// the attachment's fileinfo record, then the mail's smtp record
	if len(recs) != 2 || recs[0].RecordType() != "fileinfo" || recs[0].Fields["fileinfo"]["state"] != "CLOSED" ||
		recs[0].Fields["fileinfo"]["size"] != uint64(49) || recs[0].Fields["smtp"]["helo"] != "client.example" {
		t.Fatalf("records %v", recs)
	}
	if r := recs[1]; r.RecordType() != "smtp" || r.Fields["email"]["attachment"] == nil || r.Fields["smtp"]["rcpt_to"] == nil {
		t.Fatalf("smtp record %v", r.Fields)
	}
}

// TestSMTPDetectionByCommand: on another port the client's EHLO makes
// the flow SMTP; the banner the server sent first (longer than the line
// limit, cut there) is parsed first, so the client's command is not
// taken as sent before the welcome.
func TestSMTPDetectionByCommand(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 2525)
	banner := "220 mx.example.com ESMTP " + strings.Repeat("x", 5000) + "\r\n" // past the line limit
	feed(t, tr, concat(c.handshake(), c.s2c(banner[:3000]), c.s2c(banner[3000:]), c.c2s("EHLO client.example\r\n"), c.sAck(), c.cAck())...)
	apps := s.of(inspect.KindApp)
	if len(apps) != 1 || apps[0].app != "smtp" || apps[0].buffers["smtp.helo"] != "client.example" {
		t.Fatalf("units %+v", apps)
	}
	if slices.Contains(apps[0].events, "smtp.no_server_welcome_message") {
		t.Errorf("banner parsed after the command: %v", apps[0].events)
	}
}

// TestSMTPNotOnOtherPortBanner: a "220" banner on a port that is not an
// SMTP port, with a client that does not speak SMTP, is not SMTP.
func TestSMTPNotOnOtherPortBanner(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 2121)
	feed(t, tr, concat(c.handshake(), c.s2c("220 ftp.example.com FTP\r\n"), c.c2s("USER anonymous\r\n"))...)
	for _, u := range s.units {
		if u.app == "smtp" {
			t.Fatalf("flow taken as smtp")
		}
	}
}

// TestSMTPFileTruncatedAtEnd: an attachment still open when the flow
// ends gets its fileinfo record, truncated.
func TestSMTPFileTruncatedAtEnd(t *testing.T) {
	tr, _ := newTracker(DefaultConfig())
	var recs []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) { recs = append(recs, u) })
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	feed(t, tr, concat(c.handshake(), c.s2c("220 mx.example.com ESMTP\r\n"), c.c2s("EHLO a\r\n"), c.s2c("250 mx\r\n"),
		c.c2s("DATA\r\n"), c.s2c("354 go\r\n"), c.c2s(smtpMail), c.c2s("QUJD\r\n"))...)
	tr.Flush()
	var states []any
	for _, r := range recs {
		if r.RecordType() == "fileinfo" {
			states = append(states, r.Fields["fileinfo"]["state"])
		}
	}
	if len(states) != 1 || states[0] != "TRUNCATED" {
		t.Errorf("fileinfo states %v", states)
	}
}

// TestSMTPLongBannerOnSMTPPort: a banner longer than the line limit, in
// pieces without a line end, still makes a port 25 flow SMTP.
func TestSMTPLongBannerOnSMTPPort(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	banner := "220 mx.example.com ESMTP " + strings.Repeat("A", 5000) + "\r\n"
	feed(t, tr, concat(c.handshake(), c.s2c(banner[:4500]), c.s2c(banner[4500:]), c.c2s("EHLO Simone\r\n"), c.sAck(), c.cAck())...)
	if apps := s.of(inspect.KindApp); len(apps) == 0 || apps[len(apps)-1].buffers["smtp.helo"] != "Simone" {
		t.Fatalf("units %+v", apps)
	}
}

// TestSMTPRecordOnReply: a mail's smtp record waits for the server's
// reply to its data (Suricata 8.0.7), and is written on the packet
// acknowledging the reply, where IDS mode parses it.
func TestSMTPRecordOnReply(t *testing.T) {
	tr, _ := newTracker(DefaultConfig())
	var recs []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) {
		if u.RecordType() == "smtp" {
			recs = append(recs, u)
		}
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	feed(t, tr, concat(c.handshake(), c.s2c("220 mx.example.com ESMTP\r\n"), c.c2s("EHLO a\r\n"), c.s2c("250 mx\r\n"),
		c.c2s("MAIL FROM:<a@b>\r\n"), c.s2c("250 ok\r\n"), c.c2s("DATA\r\n"), c.s2c("354 go\r\n"), c.c2s("Subject: x\r\n\r\nhi\r\n.\r\n"))...)
	if len(recs) != 0 {
		t.Fatalf("record before the server's reply: %d", len(recs))
	}
	feed(t, tr, c.s2c("250 queued\r\n"))
	if len(recs) != 0 {
		t.Fatalf("record before the reply was acknowledged: %d", len(recs))
	}
	acked := c.cAck()
	feed(t, tr, acked)
	if len(recs) != 1 || recs[0].Packet == nil || !bytes.Equal(recs[0].Packet.Frame, acked) {
		t.Fatalf("records %d", len(recs))
	}
}
