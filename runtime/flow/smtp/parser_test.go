package smtp

import (
	"encoding/base64"
	"reflect"
	"strings"
	"testing"
)

// session feeds a conversation: lines starting "C:" go to the server,
// "S:" to the client, each as one segment.
func session(t *testing.T, p *Parser, steps ...string) []*Tx {
	t.Helper()
	var seen []*Tx
	for _, s := range steps {
		toServer := strings.HasPrefix(s, "C:")
		for _, tx := range p.Feed(toServer, []byte(s[2:])) {
			if len(seen) == 0 || seen[len(seen)-1] != tx {
				seen = append(seen, tx)
			}
		}
	}
	return seen
}

func TestSessionEnvelopeAndMIME(t *testing.T) {
	p := NewParser(DefaultConfig())
	body := "From: <a@example.com> (A)\r\nTo: b@example.com, \"x, y\" <c@example.com>\r\nCc: d@example.com\r\n" +
		"Subject: hi\r\nReceived: from one\r\n\tby two\r\nReceived: from three\r\n" +
		"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n" +
		"--XX\r\nContent-Type: text/plain\r\n\r\nsee http://example.org/a and HTTP://Other.test/b\"q\r\n" +
		"--XX\r\nContent-Type: application/octet-stream; name=\"f.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString([]byte("%PDF-1.4 hello")) + "\r\n--XX--\r\n.\r\n"
	txs := session(t, p,
		"S:220 mail.example.com ESMTP\r\n",
		"C:EHLO client.example\r\n",
		"S:250-mail.example.com\r\n250 PIPELINING\r\n",
		"C:MAIL FROM:<a@example.com> SIZE=10\r\n",
		"S:250 ok\r\n",
		"C:RCPT TO:<b@example.com>\r\nRCPT TO: <c@example.com>\r\n",
		"S:250 ok\r\n250 ok\r\n",
		"C:DATA\r\n",
		"S:354 go\r\n",
		"C:"+body,
		"S:250 queued\r\n",
	)
	if len(txs) != 1 {
		t.Fatalf("transactions: %d", len(txs))
	}
	tx := txs[0]
	if string(p.Helo) != "client.example" || string(tx.MailFrom) != "<a@example.com>" {
		t.Errorf("helo %q mail_from %q", p.Helo, tx.MailFrom)
	}
	if got := stringList(tx.RcptTo); !reflect.DeepEqual(got, []string{"<b@example.com>", "<c@example.com>"}) {
		t.Errorf("rcpt_to %q", got)
	}
	if !tx.Done {
		t.Error("transaction not done after the data's end")
	}
	m := tx.Mime
	if v, _ := m.Main("subject"); string(v) != "hi" {
		t.Errorf("subject %q", v)
	}
	if got := stringList(m.MainAll("received")); !reflect.DeepEqual(got, []string{"from oneby two", "from three"}) {
		t.Errorf("received %q", got)
	}
	if got := stringList(m.URLs); !reflect.DeepEqual(got, []string{"example.org/a", "Other.test/b"}) {
		t.Errorf("urls %q", got)
	}
	if len(tx.Files) != 1 || string(tx.Files[0].Name) != "f.bin" || string(tx.Files[0].Data) != "%PDF-1.4 hello" || !tx.Files[0].Closed {
		t.Fatalf("files %+v", tx.Files)
	}
	rec := Record(p, tx)
	email := rec["email"]
	if !reflect.DeepEqual(email["to"], []string{"b@example.com", "\"x, y\" <c@example.com>"}) ||
		!reflect.DeepEqual(email["url"], []string{"Other.test/b", "example.org/a"}) ||
		!reflect.DeepEqual(email["attachment"], []string{"f.bin"}) || email["from"] != "<a@example.com> (A)" {
		t.Errorf("email record %v", email)
	}
	if rec["smtp"]["helo"] != "client.example" {
		t.Errorf("smtp record %v", rec["smtp"])
	}
}

func TestTransactionsAndEvents(t *testing.T) {
	p := NewParser(DefaultConfig())
	txs := session(t, p,
		"C:HELO a.b\r\n", // before the banner
		"S:220 x.y ready\r\n",
		"S:250 ok\r\n",
		"C:MAIL FROM:<x@y>\r\nMAIL FROM:<z@y>\r\n",
		"S:250 ok\r\n250 ok\r\n",
		"C:RSET\r\n",
		"S:250 reset\r\n",
		"C:MAIL FROM:<n@y>\r\n",
		"S:999 what\r\n",
	)
	if len(txs) != 2 {
		t.Fatalf("transactions: %d", len(txs))
	}
	first, second := txs[0], txs[1]
	if !first.Done || second.Done {
		t.Errorf("done: %v %v", first.Done, second.Done)
	}
	for _, want := range []string{"smtp.no_server_welcome_message", "smtp.duplicate_fields"} {
		if !contains(first.Events, want) {
			t.Errorf("first tx events %v lack %s", first.Events, want)
		}
	}
	if string(first.MailFrom) != "<x@y>" || string(second.MailFrom) != "<n@y>" {
		t.Errorf("mail_from %q %q", first.MailFrom, second.MailFrom)
	}
	if !contains(second.Events, "smtp.invalid_reply") {
		t.Errorf("second tx events %v", second.Events)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func TestBDATChunkLength(t *testing.T) {
	p := NewParser(DefaultConfig())
	txs := session(t, p, "S:220 x.y\r\n", "C:EHLO a\r\n", "S:250 ok\r\n", "C:BDAT 5 LAST\r\n", "C:abcdef\r\n")
	if tx := txs[len(txs)-1]; !contains(tx.Events, "smtp.bdat_chunk_len_exceeded") {
		t.Errorf("events %v", tx.Events)
	}
	p = NewParser(DefaultConfig())
	txs = session(t, p, "S:220 x.y\r\n", "C:EHLO a\r\n", "S:250 ok\r\n", "C:BDAT 5 LAST\r\n", "C:abc\r\n", "C:QUIT\r\n")
	if tx := txs[len(txs)-1]; contains(tx.Events, "smtp.bdat_chunk_len_exceeded") {
		t.Errorf("a chunk of its declared length raised %v", tx.Events)
	}
}

func TestLongLineCut(t *testing.T) {
	p := NewParser(DefaultConfig())
	txs := session(t, p, "S:220 x.y\r\n", "C:EHLO "+strings.Repeat("a", 5000)+"\r\nMAIL FROM:<lost@x>\r\n")
	tx := txs[len(txs)-1]
	if !contains(tx.Events, "smtp.truncated_line") || tx.MailFrom != nil || p.Truncated == 0 {
		t.Errorf("events %v mail_from %q truncated %d", tx.Events, tx.MailFrom, p.Truncated)
	}
	if len(p.Helo) != lineLimit-5 {
		t.Errorf("helo cut to %d bytes", len(p.Helo))
	}
}

func TestSplitLinesAreHeld(t *testing.T) {
	p := NewParser(DefaultConfig())
	session(t, p, "S:220 x", ".y\r\n", "C:EH", "C:LO split", "C:.example\r\n")
	if string(p.Helo) != "split.example" || p.Held() != 0 {
		t.Errorf("helo %q held %d", p.Helo, p.Held())
	}
}

func TestQuotedPrintableAttachment(t *testing.T) {
	p := NewParser(DefaultConfig())
	txs := session(t, p, "S:220 x.y\r\n", "C:EHLO a\r\n", "S:250 ok\r\n", "C:MAIL FROM:<a@b>\r\n", "S:250 ok\r\n",
		"C:DATA\r\n", "S:354 go\r\n",
		"C:Content-Type: text/plain; name=\"q.txt\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"+
			"a=3Db soft=\r\nbreak\r\n.\r\n")
	f := txs[len(txs)-1].Files
	if len(f) != 1 || string(f[0].Data) != "a=b softbreak\r\n" || f[0].Size != 15 {
		t.Fatalf("files %+v", f)
	}
}

func TestFrames(t *testing.T) {
	p := NewParser(DefaultConfig())
	var frames []Frame
	p.OnFrame = func(f Frame) { frames = append(frames, f) }
	session(t, p, "S:220 x.y\r\n", "C:EHLO a\r\n", "S:250 ok\r\n", "C:DATA\r\n", "S:354 go\r\n", "C:S: x\r\n\r\nbody\r\n.\r\n")
	var cmd, data []Frame
	for _, f := range frames {
		switch f.Type {
		case FrameCommandLine:
			cmd = append(cmd, f)
		case FrameData:
			data = append(data, f)
		}
	}
	// two frames per command line, as Suricata: with the line end and
	// without a transaction, without it and with one, opened before the
	// line is processed and sized after
	want := []Frame{{FrameCommandLine, true, -1, 0, 8}, {FrameCommandLine, true, -1, 0, -1}, {FrameCommandLine, true, 0, 0, 6},
		{FrameCommandLine, true, -1, 8, 6}, {FrameCommandLine, true, -1, 8, -1}, {FrameCommandLine, true, 0, 8, 4}}
	if !reflect.DeepEqual(cmd, want) {
		t.Errorf("command frames %+v", cmd)
	}
	if len(data) != 2 || data[0].Len != -1 || data[1].Offset != 14 || data[1].Len != 17 {
		t.Errorf("data frames %+v", data)
	}
}

// TestFileBound: attachments past maxFiles are not tracked, and counted.
func TestFileBound(t *testing.T) {
	p := NewParser(DefaultConfig())
	var mail strings.Builder
	mail.WriteString("Content-Type: multipart/mixed; boundary=b\r\n\r\n")
	for i := 0; i < maxFiles+3; i++ {
		mail.WriteString("--b\r\nContent-Disposition: attachment; filename=f.txt\r\n\r\nx\r\n")
	}
	mail.WriteString("--b--\r\n.\r\n")
	txs := session(t, p, "S:220 x.y\r\n", "C:EHLO a\r\n", "S:250 ok\r\n", "C:DATA\r\n", "S:354 go\r\n", "C:"+mail.String())
	if n := len(txs[len(txs)-1].Files); n != maxFiles || p.Truncated != 3 {
		t.Errorf("files %d truncated %d", n, p.Truncated)
	}
}

// TestEventNames: every event the parser raises is one of Events.
func TestEventNames(t *testing.T) {
	for _, n := range append([]string{"invalid_reply", "truncated_line", "bdat_chunk_len_exceeded", "duplicate_fields",
		"no_server_welcome_message", "tls_rejected", "data_command_rejected", "invalid_pipelined_sequence", "unparsable_content"},
		anomEvents[:]...) {
		if !contains(Events, "smtp."+n) {
			t.Errorf("smtp.%s raised but not listed", n)
		}
	}
}
