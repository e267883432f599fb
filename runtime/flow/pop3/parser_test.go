package pop3

import (
	"reflect"
	"strings"
	"testing"
)

func commands(txs []*Tx) []string {
	var out []string
	for _, tx := range txs {
		name := "-"
		if tx.Request != nil {
			name = tx.Request.Name
		}
		if tx.Response != nil {
			name += "/" + map[bool]string{true: "OK", false: "ERR"}[tx.Response.OK]
		}
		out = append(out, name)
	}
	return out
}

// A session as Suricata 8 parses it: the greeting is a transaction of
// its own; a LIST response whose lines come in a later chunk waits for
// its ".\r\n"; a RETR body announced in octets is skipped across chunks,
// its transaction complete without a response; once it is released, the
// next response answers QUIT.
func TestSession(t *testing.T) {
	p := NewParser()
	feed := func(toServer bool, s string) []*Tx {
		t.Helper()
		txs := p.Feed(toServer, []byte(s))
		if p.Failed {
			t.Fatalf("failed on %q", s)
		}
		return txs
	}
	if txs := feed(false, "+OK \xb1\xbe POP3 ready\r\n"); len(txs) != 1 || txs[0].Request != nil || !txs[0].Complete {
		t.Fatalf("greeting: %+v", txs)
	}
	feed(true, "USER test\r\n")
	feed(false, "+OK welcome\r\n")
	feed(true, "LIST\r\n")
	if txs := feed(false, "+OK 2 300\r\n"); len(txs) != 0 {
		t.Fatalf("LIST answered before its lines: %v", commands(txs))
	}
	list := feed(false, "1 100\r\n2 200\r\n.\r\n")
	if len(list) != 1 || string(list[0].Response.Header) != "2 300" || len(list[0].Response.Data) != 2 || string(list[0].Response.Data[1]) != "2 200" {
		t.Fatalf("LIST: %+v", list)
	}
	feed(true, "RETR 1\r\n")
	body := "Subject: x\r\n\r\n" + strings.Repeat("a", 80) + "\r\n"
	feed(false, "+OK 96 octets\r\n"+body[:40])
	if txs := feed(false, body[40:]+".\r\n"); len(txs) != 1 || !txs[0].Complete || txs[0].Response != nil {
		t.Fatalf("RETR: %+v", txs)
	}
	feed(true, "QUIT\r\n")
	quit := feed(false, "+OK bye\r\n")
	if got := commands(quit); !reflect.DeepEqual(got, []string{"QUIT/OK"}) {
		t.Errorf("after RETR: %v", got)
	}
	rec := Record(p.Open()[0])
	want := map[string]any{"request": map[string]any{"command": "QUIT", "args": []any{}},
		"response": map[string]any{"success": true, "status": "OK", "header": "bye", "data": []any{}}}
	if !reflect.DeepEqual(rec, want) {
		t.Errorf("record %v", rec)
	}
}

// A response in the same chunk as the end of a RETR body answers the
// RETR transaction, which was not released yet (Suricata's quirk).
func TestRetrSameChunk(t *testing.T) {
	p := NewParser()
	p.Feed(true, []byte("RETR 1\r\nQUIT\r\n"))
	txs := p.Feed(false, []byte("+OK 3 octets\r\nabc\r\n.\r\n+OK bye\r\n"))
	if got := commands(txs); !reflect.DeepEqual(got, []string{"RETR/OK"}) || txs[0].Response.Data != nil {
		t.Errorf("got %v", got)
	}
}

// Errors end a multi-line wait; an unknown alphanumeric command is a
// transaction with unknown_command; argument counts and long lines raise
// their events; the greeting's non-UTF-8 bytes are written \xNN.
func TestEvents(t *testing.T) {
	p := NewParser()
	txs := p.Feed(true, []byte("XTND a\r\nSTAT 1\r\nPASS "+strings.Repeat("p", 260)+"\r\nUIDL\r\n"))
	var events [][]string
	for _, tx := range txs {
		events = append(events, tx.Events)
	}
	want := [][]string{{"pop3.unknown_command"}, {"pop3.incorrect_argument_count"}, {"pop3.request_too_long"}, nil}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("events %v", events)
	}
	got := commands(p.Feed(false, []byte("-ERR no\r\n-ERR no\r\n+OK\r\n-ERR no such message\r\n")))
	if !reflect.DeepEqual(got, []string{"XTND/ERR", "STAT/ERR", "PASS/OK", "UIDL/ERR"}) {
		t.Errorf("responses %v", got)
	}
	p = NewParser()
	g := p.Feed(false, []byte("+OK h\xe9llo\r\n"))
	if r := Record(g[0])["response"].(map[string]any); r["header"] != `h\xe9llo` {
		t.Errorf("header %q", r["header"])
	}
}

// AUTH: the empty challenge answers it and the client's base64 line is
// a "<SASL DATA>" transaction.
func TestAuth(t *testing.T) {
	p := NewParser()
	p.Feed(true, []byte("AUTH PLAIN\r\n"))
	p.Feed(false, []byte("+ \r\n"))
	txs := p.Feed(true, []byte("dGVzdAB0ZXN0AHRlc3Q=\r\nSTAT\r\n"))
	if got := commands(txs); !reflect.DeepEqual(got, []string{"<SASL DATA>", "STAT"}) || p.Failed {
		t.Errorf("got %v failed %v", got, p.Failed)
	}
}

// Bytes that are not POP3 end the parse; STLS accepted ends it too.
func TestFailAndTLS(t *testing.T) {
	p := NewParser()
	p.Feed(true, []byte("\x16\x03\x01\x00\x05hello\r\n"))
	if !p.Failed {
		t.Error("binary command parsed")
	}
	p = NewParser()
	p.Feed(true, []byte("STLS\r\n"))
	p.Feed(false, []byte("+OK begin TLS\r\n"))
	if !p.TLS || p.Feed(true, []byte("\x16\x03\x01")) != nil {
		t.Error("STLS accepted: parse goes on")
	}
}

// Past MaxTx open transactions, every open one is closed with
// too_many_transactions and the parse ends.
func TestTooManyTransactions(t *testing.T) {
	p := NewParser()
	p.MaxTx = 2
	txs := p.Feed(true, []byte("NOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\n"))
	if !p.Failed || len(txs) != 3 || !txs[0].Complete || txs[0].Events[0] != "pop3.too_many_transactions" {
		t.Fatalf("failed %v txs %d", p.Failed, len(txs))
	}
}

// A pending multi-line response is bounded: past maxPending the parse
// ends, counted.
func TestPendingBound(t *testing.T) {
	p := NewParser()
	p.Feed(true, []byte("LIST\r\n"))
	line := strings.Repeat("1 100\r\n", 1000)
	p.Feed(false, []byte("+OK\r\n"))
	for i := 0; !p.Failed && i < maxPending/len(line)+2; i++ {
		p.Feed(false, []byte(line))
	}
	if !p.Failed || p.Truncated != 1 || p.Held() != len("LIST") {
		t.Errorf("failed %v truncated %d held %d", p.Failed, p.Truncated, p.Held())
	}
}

// After a gap, a direction's chunks are skipped until one starts with a
// message.
func TestGap(t *testing.T) {
	p := NewParser()
	p.Feed(true, []byte("USER a\r\n"))
	p.Gap(false)
	if txs := p.Feed(false, []byte("lost tail\r\n")); len(txs) != 0 || p.Failed {
		t.Fatalf("after gap: %v", commands(txs))
	}
	if got := commands(p.Feed(false, []byte("+OK\r\n"))); !reflect.DeepEqual(got, []string{"USER/OK"}) {
		t.Errorf("resync: %v", got)
	}
}

func TestProbe(t *testing.T) {
	for _, c := range []struct {
		toServer bool
		data     string
		ok, more bool
	}{
		{true, "USER test@tt.com\r\n", true, false}, {true, "user x\r\n", true, false}, {true, "USE", false, true},
		{true, "USER x", false, false}, {true, "+OK x\r\n", false, false}, {true, "GET / HTTP/1.1\r\n", true, false}, {true, "\x16\x03\x01\x00\x05\r\n", false, false},
		{false, "+OK ready\r\n", true, false}, {false, "-ERR x\r\n", true, false}, {false, "* OK imap\r\n", false, false},
	} {
		if ok, more := Probe(c.toServer, []byte(c.data)); ok != c.ok || more != c.more {
			t.Errorf("%v %q: %v %v", c.toServer, c.data, ok, more)
		}
	}
}
