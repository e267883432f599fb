package flow

import (
	"reflect"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestFTPFlow: a control connection's transactions are inspected as
// Suricata inspects them in IDS mode: to server on the client's packet
// after the server answered (so the PORT transaction has its dynamic
// port), to client on the server's packet after the client acknowledged
// the reply (a 1yz reply gives a unit with only reply_received); every
// transaction's ftp record is written; the RETR after PORT makes the
// connection from the server to the announced port ftp-data, its file
// inspected with the transfer's command.
func TestFTPFlow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	var recs []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) { recs = append(recs, u) })
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 21)
	d := newConn("10.0.0.2", "10.0.0.1", 20, 59914)
	pureAck := func() []byte { return c.frame(true, ack, c.cseq, c.sseq, "") }
	feed(t, tr, concat(c.handshake(),
		c.s2c("220 (vsFTPd 3.0)\r\n"), c.c2s("USER anonymous\r\n"), c.s2c("331 Please specify the password.\r\n"),
		c.c2s("PORT 10,0,0,1,234,10\r\n"), c.s2c("200 PORT command successful.\r\n"),
		c.c2s("RETR a.txt\r\n"), c.s2c("150 Opening BINARY mode\r\n"), pureAck(),
		d.handshake(), d.c2s("%PDF-1.5 hello"), d.close(),
		c.s2c("226 Transfer complete.\r\n"), c.c2s("QUIT\r\n"), c.s2c("221-Goodbye.\r\n221 Bye\r\n"), c.close())...)
	tr.Flush()
	var ctl, data []record
	for _, u := range s.of(inspect.KindApp) {
		switch u.app {
		case "ftp":
			ctl = append(ctl, u)
		case "ftp-data":
			data = append(data, u)
		}
	}
	find := func(tx uint64, dir inspect.Dir) []record {
		var out []record
		for _, u := range ctl {
			if u.tx == tx && u.dir == dir {
				out = append(out, u)
			}
		}
		return out
	}
	// transactions: 1 banner, 2 USER, 3 PORT, 4 RETR, 5 QUIT
	port := find(3, inspect.ToServer)
	if len(port) != 1 || port[0].buffers["ftp.command"] != "PORT" || !reflect.DeepEqual(port[0].codes["ftp.dynamic_port"], []int64{59914}) ||
		!reflect.DeepEqual(port[0].codes["ftp.mode"], []int64{1}) {
		t.Fatalf("PORT to server: %+v", port)
	}
	if len(find(1, inspect.ToServer)) != 0 {
		t.Error("the banner's transaction was inspected to server")
	}
	retr := find(4, inspect.ToClient)
	if len(retr) != 2 || !reflect.DeepEqual(retr[0].codes["ftp.reply_received"], []int64{0}) || retr[0].buffers["ftp.reply"] != "" ||
		!reflect.DeepEqual(retr[1].codes["ftp.reply_received"], []int64{1}) || retr[1].buffers["ftp.reply"] != "Opening BINARY mode" {
		t.Fatalf("RETR to client: %+v", retr)
	}
	if u := find(2, inspect.ToServer); len(u) != 1 || u[0].buffers["ftp.command_data"] != "anonymous\x00" {
		t.Errorf("USER to server: %+v", u)
	}
	var ftpRecs, dataRecs []map[string]any
	for _, r := range recs {
		switch r.RecordType() {
		case "ftp":
			ftpRecs = append(ftpRecs, r.Fields["ftp"])
		case "ftp_data", "fileinfo":
			dataRecs = append(dataRecs, r.Fields[r.RecordType()])
		}
	}
	if len(ftpRecs) != 5 || !reflect.DeepEqual(ftpRecs[4]["reply"], []any{"221-Goodbye.", "Bye"}) {
		t.Fatalf("ftp records %v", ftpRecs)
	}
	// the file goes to the data connection's server; its other direction
	// is inspected once, on the server's packet that acknowledged the file
	if len(data) < 2 || data[0].dir != inspect.ToClient || data[1].buffers["file.name"] != "a.txt" || data[1].dir != inspect.ToServer ||
		!slices.Contains(data[1].codes["ftpdata_command"], ir.FTPDataCommand("retr")) {
		t.Fatalf("ftp-data units %+v", data)
	}
	last := data[len(data)-1]
	if last.buffers["file.data"] != "%PDF-1.5 hello" || !reflect.DeepEqual(last.codes["filesize"], []int64{14}) {
		t.Errorf("closed file %+v", last)
	}
	if len(dataRecs) != 2 || dataRecs[0]["filename"] != "a.txt" || dataRecs[0]["command"] != "RETR" || dataRecs[1]["state"] != "CLOSED" {
		t.Errorf("ftp_data records %v", dataRecs)
	}
}

// TestFTPBounce: a PORT naming another host than the client is flagged
// for ftpbounce; detection by the client's PORT command.
func TestFTPBounce(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 2121)
	feed(t, tr, concat(c.handshake(), c.c2s("PORT 10,9,9,9,4,1\r\n"), c.s2c("200 ok\r\n"), c.c2s("NOOP\r\n"))...)
	apps := s.of(inspect.KindApp)
	if len(apps) == 0 || apps[0].app != "ftp" || !reflect.DeepEqual(apps[0].codes["ftpbounce"], []int64{1}) {
		t.Fatalf("units %+v", apps)
	}
}

// TestFTPDetection: Suricata 8.0's patterns and port 21 banner probe.
func TestFTPDetection(t *testing.T) {
	for _, c := range []struct {
		port     uint16
		dir      inspect.Dir
		data     string
		ok, more bool
	}{
		{2121, inspect.ToServer, "USER bob\r\n", true, false},
		{2121, inspect.ToServer, "user bob\r\n", false, false},
		{2121, inspect.ToServer, "pass x\r\n", true, false},
		{2121, inspect.ToServer, "feat\r\n", true, false},
		{2121, inspect.ToServer, "US", false, true},
		{2121, inspect.ToClient, "220 (vsFTPd)\r\n", true, false},
		{2121, inspect.ToClient, "220 ProFTPD\r\n", false, false},
		{21, inspect.ToClient, "220 ProFTPD\r\n", true, false},
		{21, inspect.ToClient, "220-ProFTPD", false, true},
		{21, inspect.ToClient, "221 x\r\n", false, false},
	} {
		f := &flowState{}
		f.ServerPort = c.port
		f.Bytes[inspect.ToServer] = 60
		ok, more := ftpDetect(f, c.dir, []byte(c.data))
		if ok != c.ok || more != c.more {
			t.Errorf("%d %v %q: %v %v", c.port, c.dir, c.data, ok, more)
		}
	}
}
