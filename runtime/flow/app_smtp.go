package flow

import (
	"bytes"

	"github.com/rulec/rulec/runtime/flow/smtp"
	"github.com/rulec/rulec/runtime/inspect"
)

// SMTP ports Suricata probes a server banner on (its default
// app-layer.protocols.smtp detection ports).
var smtpPorts = []uint16{25, 465}

// smtpEmail maps email.* sticky buffers to the main header they take.
var smtpEmail = [...]struct{ buf, header string }{
	{"email.from", "from"}, {"email.subject", "subject"}, {"email.to", "to"}, {"email.cc", "cc"},
	{"email.date", "date"}, {"email.message_id", "message-id"}, {"email.x_mailer", "x-mailer"},
}

// maxSMTPOpen bounds the transactions per flow whose smtp record waits
// for their end; past it the oldest is written as it is.
const maxSMTPOpen = 64

// smtpMaxProbe bounds what is held of a server's banner while the
// protocol is not known (Suricata's SMTP line limit): a longer banner is
// cut there, as the parser would cut its line, and the cut counted.
const smtpMaxProbe = 4096

// smtpBanner reports whether a server's first bytes look like an SMTP
// banner ("220" then a space or hyphen), on any port: the flow waits for
// the client, whose command may make it SMTP (Suricata keeps the server's
// bytes until a direction's detection ends).
func smtpBanner(d inspect.Dir, data []byte) bool {
	return d == inspect.ToClient && len(data) >= 4 && bytes.HasPrefix(data, []byte("220")) && (data[3] == ' ' || data[3] == '-')
}

// smtpDetect reports whether a direction's first bytes are SMTP as
// Suricata detects it: a client starting with EHLO, HELO or QUIT on any
// port, a server banner ("220 " or "220-", a valid domain, a line end)
// on an SMTP port (a banner as long as the line limit needs no line end).
// more: too few bytes to tell.
func smtpDetect(f *flowState, d inspect.Dir, data []byte) (ok, more bool) {
	if d == inspect.ToServer {
		if len(data) < 4 {
			return false, len(data) == 0 || hasPrefixFoldAny(data, "ehlo", "helo", "quit")
		}
		return hasPrefixFoldAny(data[:4], "ehlo", "helo", "quit"), false
	}
	smtpPort := false
	for _, p := range smtpPorts {
		smtpPort = smtpPort || f.ServerPort == p
	}
	if !smtpPort {
		return false, false
	}
	if len(data) < 5 {
		return false, bytes.HasPrefix([]byte("220"), data[:min(len(data), 3)])
	}
	if !bytes.HasPrefix(data, []byte("220")) || data[3] != ' ' && data[3] != '-' {
		return false, false
	}
	if bytes.IndexByte(data[4:], '\n') < 0 && len(data) < smtpMaxProbe {
		return false, true
	}
	return smtp.ValidDomain(data[4:]) > 0, false
}

func hasPrefixFoldAny(b []byte, words ...string) bool {
	for _, w := range words {
		n := min(len(b), len(w))
		if bytes.EqualFold(b[:n], []byte(w[:n])) {
			return true
		}
	}
	return false
}

// smtpData parses one direction of an SMTP flow: each transaction the
// bytes changed gives a unit in their direction with the transaction's
// buffers; a transaction's smtp record is written when it ends.
func (t *Tracker) smtpData(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	p := a.smtp
	errs, cut := p.Errors, p.Truncated
	for _, tx := range p.Feed(d == inspect.ToServer, b) {
		u := t.smtpUnit(f, d, tx)
		t.send(u)
		t.smtpFiles(f, tx, u.Fields, false)
		t.smtpRecord(f, tx, u)
	}
	t.stats.ParseErrors += p.Errors - errs
	t.stats.SMTPTruncated += p.Truncated - cut
	if p.TLS && a.kind == appSMTP {
		// STARTTLS accepted: detection runs again, expecting TLS
		t.protocolChange(f, appTLS)
	}
	if !t.chargeApp(f) {
		a.kind = appNone
		t.chargeApp(f)
	}
}

// smtpUnit is the unit of a transaction: the session's HELO, the mail's
// envelope, its main headers, URLs and attachments.
func (t *Tracker) smtpUnit(f *flowState, d inspect.Dir, tx *smtp.Tx) *inspect.Unit {
	p := f.app.smtp
	u := t.unit(f, inspect.KindApp, d)
	u.Tx = tx.ID + 1
	if p.Helo != nil {
		u.SetBuffer("smtp.helo", p.Helo)
	}
	if tx.MailFrom != nil {
		u.SetBuffer("smtp.mail_from", tx.MailFrom)
	}
	for _, r := range tx.RcptTo {
		u.AddBuffer("smtp.rcpt_to", r)
	}
	if m := tx.Mime; m != nil && m.HeadersDone() {
		for _, e := range smtpEmail {
			if v, ok := m.Main(e.header); ok {
				u.SetBuffer(e.buf, v)
			}
		}
		for _, r := range m.MainAll("received") {
			u.AddBuffer("email.received", r)
		}
		for _, url := range m.URLs {
			u.AddBuffer("email.url", url)
		}
	}
	for _, f := range tx.Files {
		if d != inspect.ToServer {
			break // a mail's files go to the server: Suricata inspects them that way only
		}
		addFile(u, fileFacts{name: f.Name, data: f.Data, size: f.Size, closed: f.Closed, sums: f.Sums})
	}
	u.Events = tx.Events
	u.Fields = smtp.Record(p, tx)
	return u
}

// smtpRecord writes a transaction's smtp record once both sides are
// complete (Suricata 8.0.7 logs on the server's reply); until then the
// flow keeps its latest unit, written at the flow's end.
func (t *Tracker) smtpRecord(f *flowState, tx *smtp.Tx, u *inspect.Unit) {
	a := &f.app
	for i, o := range a.smtpOpen {
		if o.Tx == u.Tx {
			a.smtpOpen = append(a.smtpOpen[:i], a.smtpOpen[i+1:]...)
			break
		}
	}
	if tx.Done && tx.Replied {
		if a.smtpLogged < u.Tx {
			a.smtpLogged = u.Tx
			t.record(u)
		}
		return
	}
	if a.smtpLogged >= u.Tx {
		return
	}
	if len(a.smtpOpen) >= maxSMTPOpen {
		t.record(a.smtpOpen[0])
		a.smtpOpen = a.smtpOpen[1:]
	}
	a.smtpOpen = append(a.smtpOpen, u)
}

// smtpFiles writes the fileinfo records of a mail's attachments as they
// close; at the flow's end (final) those still open, as truncated.
func (t *Tracker) smtpFiles(f *flowState, tx *smtp.Tx, sections map[string]map[string]any, final bool) {
	a := &f.app
	if a.smtpFileTx != tx.ID+1 {
		a.smtpFileTx, a.smtpFileN = tx.ID+1, 0
	}
	for ; a.smtpFileN < len(tx.Files); a.smtpFileN++ {
		file, state := tx.Files[a.smtpFileN], "CLOSED"
		if !file.Closed {
			if !final {
				return
			}
			state = "TRUNCATED"
		}
		t.fileRecord(f, inspect.ToServer, tx.ID+1, sections, inspect.FileInfo{Name: file.Name, Size: file.Size, Sums: file.Sums, Data: file.Data}, state)
	}
}
