package flow

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestSMTPFileDigests: an attachment's digests are of all of its decoded
// bytes (past the bytes kept for inspection), on the fileinfo record and
// as file.md5 of the units to the server only: a mail's files are
// inspected in that direction.
func TestSMTPFileDigests(t *testing.T) {
	cfg := DefaultConfig()
	cfg.FileHashes = filehash.MD5
	cfg.SMTP.FileLimit = 10
	tr, s := newTracker(cfg)
	var recs []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) { recs = append(recs, u) })
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	body := "%PDF-1.5\n" + strings.Repeat("x", 40)
	feed(t, tr, concat(c.handshake(),
		c.s2c("220 mx.example.com ESMTP\r\n"), c.c2s("EHLO client.example\r\n"), c.s2c("250 mx\r\n"),
		c.c2s("MAIL FROM:<a@example.com>\r\n"), c.s2c("250 ok\r\n"), c.c2s("RCPT TO:<b@example.com>\r\n"),
		c.s2c("250 ok\r\n"), c.c2s("DATA\r\n"), c.s2c("354 go\r\n"),
		c.c2s(smtpMail), c.c2s(base64.StdEncoding.EncodeToString([]byte(body))+"\r\n--b1--\r\n.\r\n"), c.s2c("250 queued\r\n"), c.cAck(), c.sAck())...)
	sum := md5.Sum([]byte(body))
	var toServer, toClient int
	for _, u := range s.of(inspect.KindApp) {
		if u.buffers["file.md5"] == "" {
			continue
		}
		if u.buffers["file.md5"] != string(sum[:]) {
			t.Errorf("file.md5 %x", u.buffers["file.md5"])
		}
		if u.dir == inspect.ToServer {
			toServer++
		} else {
			toClient++
		}
	}
	if toServer == 0 || toClient != 0 {
		t.Errorf("units with file.md5: %d to server, %d to client", toServer, toClient)
	}
	if len(recs) == 0 || recs[0].RecordType() != "fileinfo" || recs[0].Fields["fileinfo"]["md5"] != hex.EncodeToString(sum[:]) {
		t.Fatalf("records %v", recs)
	}
}
