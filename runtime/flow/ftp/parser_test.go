package ftp

import (
	"net/netip"
	"reflect"
	"strings"
	"testing"
)

func TestCommandTable(t *testing.T) {
	for c, name := range map[Command]string{CmdPORT: "PORT", CmdEPRT: "EPRT", CmdAUTHTLS: "AUTH_TLS", CmdPASV: "PASV",
		CmdEPSV: "EPSV", CmdRETR: "RETR", CmdSTOR: "STOR", CmdAPPE: "APPE", CmdLIST: "LIST", CmdMLSD: "MLSD",
		CmdNLST: "NLST", CmdSTOU: "STOU", CmdUnknown: "UNKNOWN"} {
		if c.String() != name || CommandByName(name) != c {
			t.Errorf("%d: %q", c, c.String())
		}
	}
	var up []byte
	for line, want := range map[string]Command{
		"USER anonymous": CommandByName("USER"), "retr a.txt": CmdRETR, "FEAT": 0, "XPWD": CommandByName("PWD"),
		"PASS list": CommandByName("PASS"), "OPTS unknown": CmdUnknown, "": 0,
	} {
		if got := lookup([]byte(line), &up); got != want {
			t.Errorf("%q: %v, want %v", line, got, want)
		}
	}
}

func TestPorts(t *testing.T) {
	for _, c := range []struct {
		f    func([]byte) uint16
		line string
		want uint16
	}{
		{portFromPORT, "PORT 192,168,0,13,234,10", 59914},
		{portFromPORT, "PORT  192 ,168,0,13,234,10 trailing", 59914},
		{portFromPORT, "PORT 192,168,0,13,256,10", 0},
		{portFromPORT, "port 192,168,0,13,234,10", 0},
		{portFromPASV, "227 Entering Passive Mode (2,2,2,2,185,13).", 47373},
		{portFromPASV, "227 Entering Passive Mode (2,2,2,2, 185 , 13 )", 47373},
		{portFromPASV, "227 Entering Passive Mode (2,2,2,2,185,13", 0},
		{portFromEPSV, "229 Entering Extended Passive Mode (|||58612|)", 58612},
		{portFromEPSV, "229 Entering Extended Passive Mode (|||65536|)", 0},
		{portFromEPRT, "EPRT |2|2601:191:8500:2e00:7c0f:78e0:dc5b:f7c1|34325|", 34325},
		{portFromEPRT, "EPRT |1|10.0.0.1|", 0},
	} {
		if got := c.f([]byte(c.line)); got != c.want {
			t.Errorf("%q: %d, want %d", c.line, got, c.want)
		}
	}
}

// A session: the banner is a transaction of its own, a 1yz reply keeps
// a transaction open, the lines of a multi-line reply join one, the
// reply to PORT sets the dynamic port and active mode, a transfer after
// it announces its ftp-data connection.
func TestSession(t *testing.T) {
	p := NewParser(DefaultConfig())
	p.Feed(false, []byte("220 (vsFTPd)\r\n"))
	p.Feed(true, []byte("USER anonymous  \r\nPORT 10,0,0,1,234,10\r\n"))
	p.Feed(false, []byte("331 Please specify the password.\r\n200 PORT ok\r\n"))
	if txs := p.Feed(true, []byte("RETR a.txt\r\n")); len(txs) != 1 || txs[0].Command != CmdRETR {
		t.Fatalf("RETR: %v", txs)
	}
	if want := []Transfer{{Command: CmdRETR, Port: 59914, File: []byte("a.txt")}}; !reflect.DeepEqual(p.Transfers, want) {
		t.Fatalf("transfers %+v", p.Transfers)
	}
	p.Feed(false, []byte("150 Opening\r\n"))
	txs := p.Open()
	if len(txs) != 4 || txs[3].Done || len(txs[3].Replies) != 1 {
		t.Fatalf("after 150: %+v", txs[3])
	}
	p.Feed(false, []byte("226 Transfer complete.\r\n"))
	p.Feed(true, []byte("QUIT\n"))
	p.Feed(false, []byte("221-Goodbye.\r\n221 Bye\r\n"))
	banner, user, port, retr, quit := txs[0], txs[1], txs[2], txs[3], p.Open()[4]
	if banner.Command != 0 || string(banner.Replies[0].Code) != "220" || string(banner.Replies[0].Text) != "(vsFTPd)" {
		t.Errorf("banner %+v", banner)
	}
	if string(user.Request) != "USER anonymous" || string(user.CommandDataBuffer()) != "anonymous\x00" {
		t.Errorf("user %q %q", user.Request, user.CommandDataBuffer())
	}
	if port.DynPort != 59914 || !port.Active || !port.Done {
		t.Errorf("port %+v", port)
	}
	if !retr.Done || len(retr.Replies) != 2 {
		t.Errorf("retr %+v", retr)
	}
	rec := Record(quit)
	if !reflect.DeepEqual(rec["completion_code"], []any{"221"}) || !reflect.DeepEqual(rec["reply"], []any{"221-Goodbye.", "Bye"}) ||
		rec["reply_received"] != "yes" || rec["command"] != "QUIT" {
		t.Errorf("quit record %v", rec)
	}
	if rec := Record(port); rec["mode"] != "active" || rec["dynamic_port"] != uint16(59914) || rec["command_data"] != "10,0,0,1,234,10" {
		t.Errorf("port record %v", rec)
	}
}

// Once the last transaction is released, a reply makes a transaction
// of its own; before, it joins the last one. A reply after a command the
// table does not know marks its transaction as of an unknown command.
func TestReplyTransactions(t *testing.T) {
	p := NewParser(DefaultConfig())
	p.Feed(true, []byte("SYST\r\n"))
	p.Feed(false, []byte("215 UNIX\r\n211-extra\r\n"))
	syst := p.Open()[0]
	if len(syst.Replies) != 2 {
		t.Fatalf("syst %+v", syst)
	}
	p.Release(syst)
	p.Feed(false, []byte("211 End\r\n"))
	if len(p.Open()) != 1 || p.Open()[0] == syst || p.Open()[0].Command != 0 {
		t.Fatalf("after release: %+v", p.Open())
	}
	p.Feed(true, []byte("USER a\r\nFEAT\r\n"))
	user := p.Open()[1]
	p.Feed(false, []byte("331 ok\r\n"))
	if user.Command.Known() || !user.Done {
		t.Errorf("user after FEAT: %+v", user)
	}
}

// Lines reaching the limit are cut: the rest of that data is dropped,
// and a cut line whose end has not come drops the data up to its LF.
func TestLongLines(t *testing.T) {
	p := NewParser(Config{MaxLine: 16})
	p.Feed(true, []byte("STOR "+strings.Repeat("a", 20)+"\r\nUSER x\r\n"))
	txs := p.Open()
	if len(txs) != 1 || !txs[0].RequestTruncated || len(txs[0].Request) != 16 || txs[0].Events[0] != "ftp.request_command_too_long" {
		t.Fatalf("cut with LF: %+v", txs)
	}
	p.Feed(true, []byte("PASS "+strings.Repeat("b", 20)))
	p.Feed(true, []byte("bbb\r\nUSER y\r\n"))
	p.Feed(true, []byte("USER z\r\n"))
	var got []string
	for _, tx := range p.Open() {
		got = append(got, string(tx.Request))
	}
	if want := []string{"STOR aaaaaaaaaaa", "PASS bbbbbbbbbbb", "USER z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("requests %q, want %q", got, want)
	}
	if p.Truncated != 2 {
		t.Errorf("truncated %d", p.Truncated)
	}
}

func TestTooManyTransactions(t *testing.T) {
	p := NewParser(Config{MaxTx: 2})
	p.Feed(true, []byte("NOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\n"))
	if !p.Failed || len(p.Open()) != 3 || p.Open()[0].Events[0] != "ftp.too_many_transactions" {
		t.Fatalf("failed %v open %d", p.Failed, len(p.Open()))
	}
	if txs := p.Feed(true, []byte("NOOP\r\n")); txs != nil {
		t.Errorf("parsed after failing: %v", txs)
	}
}

func TestBounce(t *testing.T) {
	client := netip.MustParseAddr("192.168.0.13")
	for line, want := range map[string]bool{
		"PORT 192,168,0,13,234,10\r\n": false,
		"PORT 10,0,0,1,234,10\r\n":     true,
		"PORT 10 ,0,0,1,234,10\r\n":    true,
		"PORT 10, 0,0,1,234,10\r\n":    false,
		"PORT 1000,0,0,1,234,10\r\n":   false,
	} {
		p := NewParser(DefaultConfig())
		p.Feed(true, []byte(line))
		if got := p.Bounce(client); got != want {
			t.Errorf("%q: %v", line, got)
		}
	}
	p := NewParser(DefaultConfig())
	p.Feed(true, []byte("PORT 10,0,0,1,234,10\r\nNOOP\r\n"))
	if p.Bounce(client) {
		t.Error("bounce after another command")
	}
}
