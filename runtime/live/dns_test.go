package live

import (
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/flow"
)

// dnsQuery is a standard query for name (dotted) with one question.
func dnsQuery(id byte, name string) []byte {
	q := []byte{0, id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}
	for _, l := range strings.Split(name, ".") {
		q = append(q, byte(len(l)))
		q = append(q, l...)
	}
	return append(q, 0, 0, 1, 0, 1)
}

// TestDNSDropLive: a drop rule on a query name stops the query in the
// kernel (the server never receives it) and raises a kernel alert with
// the query's DNS detail; another name, on another flow, goes through.
func TestDNSDropLive(t *testing.T) {
	p := setup(t)
	srv := p.Server.Addrs[0].String()
	var log eveLog
	start(t, p, compile(t, `drop dns any any -> any any (msg:"evil name"; dns.query; dotprefix; content:".evil.example"; endswith; nocase; sid:301;)
`), Config{Flow: flow.DefaultConfig(), EVE: &log})
	server := listenUDP(t, &p.Server, srv+":53")
	client := dialUDP(t, &p.Client, srv+":53")
	if _, err := client.Write(dnsQuery(1, "www.EVIL.example")); err != nil {
		t.Fatal(err)
	}
	// another socket: the drop also drops the rest of its flow
	other := dialUDP(t, &p.Client, srv+":53")
	if _, err := other.Write(dnsQuery(2, "good.example")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 512)
	server.SetReadDeadline(time.Now().Add(patience))
	n, err := server.Read(buf)
	if err != nil {
		t.Fatalf("the allowed query did not arrive: %v", err)
	}
	if n < 2 || buf[1] != 2 {
		t.Fatalf("the server got query id %d first, want 2 (the dropped one arrived)", buf[1])
	}
	kernel := func(e eveRecord) bool { return e.Alert.SID == 301 && e.Rulec.Tier == "kernel" }
	if !waitFor(patience, func() bool { return log.count(t, kernel) == 1 }) {
		t.Fatalf("want one kernel alert for sid 301; EVE: %+v", log.records(t))
	}
	if text := log.text(); !strings.Contains(text, `"rrname":"www.EVIL.example"`) {
		t.Errorf("the kernel alert lacks the query's DNS detail: %s", text)
	}
}

func (l *eveLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
