package wafbridge

import (
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/waf"
)

func newBridge(t *testing.T, rules string, mode waf.Mode) *Bridge {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.conf")
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile([]string{path}, compiler.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items {
		t.Fatalf("compile: %v", d)
	}
	b, err := New(res.Rules, mode)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stages parses one HTTP exchange and returns a unit per stage, as the
// flow tracker makes them.
func stages(t *testing.T, f *inspect.Flow, req, resp string) []*inspect.Unit {
	t.Helper()
	var units []*inspect.Unit
	p := http.NewParser(http.DefaultConfig(), func(tx *http.Tx, st http.Stage) {
		u := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: http.StageDir(st), Tx: tx.ID + 1, Stage: st, AppTx: tx}
		tx.Fill(u, st)
		units = append(units, u)
	})
	if err := p.Feed(inspect.ToServer, []byte(req)); err != nil {
		t.Fatal(err)
	}
	if resp != "" {
		if err := p.Feed(inspect.ToClient, []byte(resp)); err != nil {
			t.Fatal(err)
		}
	}
	return units
}

func testFlow(id uint64) *inspect.Flow {
	return &inspect.Flow{ID: id, Proto: 6, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2"), ClientPort: 40000, ServerPort: 80, App: "http"}
}

const rules = `SecRule REQUEST_HEADERS:X-Probe "@contains evil" "id:101,phase:1,deny,log,msg:'header %{MATCHED_VAR}'"
SecRule REQUEST_BODY "@contains payload" "id:102,phase:2,pass,log,msg:'body'"
SecRule RESPONSE_STATUS "@streq 500" "id:103,phase:3,pass,log,msg:'status'"
SecRule REQUEST_URI "@contains quiet" "id:104,phase:1,pass,nolog"
`

func TestStagesFeedParsedTransaction(t *testing.T) {
	b := newBridge(t, "SecRuleEngine On\n"+rules, waf.On)
	f := testFlow(7)
	req := "POST /quiet HTTP/1.1\r\nHost: a\r\nX-Probe:  very evil  \r\nContent-Length: 7\r\n\r\npayload"
	units := stages(t, f, req, "HTTP/1.1 500 Oops\r\nContent-Length: 2\r\n\r\nok")
	var got []uint64
	var msgs []string
	blocked := false
	for _, u := range units {
		for _, m := range b.Unit(u) {
			got = append(got, m.Rule.Meta.SID)
			msgs = append(msgs, m.Msg)
			blocked = blocked || m.Blocked
		}
	}
	if len(got) < 1 || got[0] != 101 || msgs[0] != "header very evil" || !blocked {
		t.Fatalf("matches %v %q blocked %v", got, msgs, blocked)
	}
	if len(b.txs) != 0 || len(b.open) != 0 {
		t.Errorf("transaction left open after its response body: %d", len(b.txs))
	}
}

func TestBodyAndStatusPhases(t *testing.T) {
	b := newBridge(t, rules, waf.DetectionOnly)
	f := testFlow(8)
	units := stages(t, f, "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\npayload=1", "HTTP/1.1 500 Oops\r\nContent-Length: 2\r\n\r\nok")
	var got []uint64
	for _, u := range units {
		for _, m := range b.Unit(u) {
			got = append(got, m.Rule.Meta.SID)
			if m.Blocked {
				t.Errorf("sid %d blocked in DetectionOnly", m.Rule.Meta.SID)
			}
		}
	}
	if len(got) != 2 || got[0] != 102 || got[1] != 103 {
		t.Errorf("matches %v, want [102 103]", got)
	}
}

func TestFlowEndFinishesOpenTransactions(t *testing.T) {
	b := newBridge(t, rules, waf.DetectionOnly)
	f, g := testFlow(1), testFlow(2)
	for _, u := range stages(t, f, "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n", "") {
		b.Unit(u)
	}
	for _, u := range stages(t, g, "GET /c HTTP/1.1\r\nHost: a\r\n\r\n", "") {
		b.Unit(u)
	}
	if len(b.txs) != 3 {
		t.Fatalf("%d open transactions, want 3", len(b.txs))
	}
	b.FlowEnd(f)
	if len(b.txs) != 1 || len(b.order) != 1 || b.order[0].flow != 2 || b.open[1] != 0 {
		t.Errorf("after flow 1 ended: txs %d order %v", len(b.txs), b.order)
	}
}

func TestNonHTTPUnitsIgnored(t *testing.T) {
	b := newBridge(t, rules, waf.DetectionOnly)
	u := &inspect.Unit{Kind: inspect.KindPacket, Flow: testFlow(3), Dir: inspect.ToServer}
	if m := b.Unit(u); len(m) != 0 || len(b.txs) != 0 {
		t.Errorf("packet unit: %v", m)
	}
}

// Transactions left open (requests without a response) are bounded: past
// maxTxs the oldest is finished early and counted.
func TestOpenTransactionsBounded(t *testing.T) {
	b := newBridge(t, rules, waf.DetectionOnly)
	for i := range maxTxs + 10 {
		for _, u := range stages(t, testFlow(uint64(i+1)), "GET /a HTTP/1.1\r\nHost: a\r\n\r\n", "") {
			b.Unit(u)
		}
	}
	if len(b.txs) != maxTxs || len(b.order) != maxTxs || b.Evicted() != 10 {
		t.Errorf("%d open (%d in order), %d evicted; want %d and 10", len(b.txs), len(b.order), b.Evicted(), maxTxs)
	}
}

// Forks (the workers' bridges) share the bound.
func TestOpenTransactionsBoundedAcrossForks(t *testing.T) {
	b := newBridge(t, rules, waf.DetectionOnly)
	bridges := []*Bridge{b, b.Fork(), b.Fork()}
	for i := range maxTxs {
		for j, br := range bridges {
			for _, u := range stages(t, testFlow(uint64(3*i+j+1)), "GET /a HTTP/1.1\r\nHost: a\r\n\r\n", "") {
				br.Unit(u)
			}
		}
	}
	open, evicted := 0, uint64(0)
	for _, br := range bridges {
		open += len(br.txs)
		evicted += br.Evicted()
	}
	if open > maxTxs+len(bridges) || int(evicted)+open != 3*maxTxs {
		t.Errorf("%d open, %d evicted across %d forks, want at most %d open", open, evicted, len(bridges), maxTxs+len(bridges))
	}
}
