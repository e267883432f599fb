package engine

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/waf"
)

// maxWAFTxs bounds the HTTP transactions the WAF follows at once; past it
// the oldest is finished early (counted in Stats.WAFEvicted).
const maxWAFTxs = 1 << 16

// wafBridge runs the SecLang rules on the HTTP transactions the flow
// tracker reassembles, one WAF transaction per HTTP transaction.
type wafBridge struct {
	w     *waf.WAF
	rules map[uint64]*ir.Rule // by SecLang id
	txs   map[txKey]*wafTx
	order []txKey
}

type txKey struct{ flow, tx uint64 }

type wafTx struct {
	tx       *waf.Tx
	reported int  // matched rules already turned into alerts
	bodyDone bool // phase 2 ran
}

func newWAFBridge(rules []*ir.Rule, mode waf.Mode) (*wafBridge, error) {
	w, err := waf.New(rules, waf.Config{Mode: mode, RequestBodyAccess: true, ResponseBodyAccess: true})
	if err != nil {
		return nil, err
	}
	b := &wafBridge{w: w, rules: map[uint64]*ir.Rule{}, txs: map[txKey]*wafTx{}}
	for _, r := range rules {
		b.rules[r.Meta.SID] = r
	}
	return b, nil
}

// httpUnit feeds one stage of an HTTP transaction to its WAF transaction
// and alerts on the rules it matched.
func (e *Engine) httpUnit(u *inspect.Unit) {
	b := e.waf
	k := txKey{u.Flow.ID, u.Tx}
	t := b.txs[k]
	if t == nil {
		if u.Stage != inspect.RequestHeaders {
			return
		}
		t = &wafTx{tx: b.w.NewTransaction()}
		b.add(k, t, &e.stats)
		f := u.Flow
		t.tx.ProcessConnection(f.Client.String(), int(f.ClientPort), f.Server.String(), int(f.ServerPort))
	}
	tx := t.tx
	buf := func(name string) []byte { v, _ := u.Buffer(name); return v }
	switch u.Stage {
	case inspect.RequestHeaders:
		tx.ProcessURI(string(buf("http.uri.raw")), string(buf("http.method")), string(buf("http.protocol")))
		chunked := false
		eachHeader(buf("http.request_header"), func(name, value string) {
			chunked = chunked || strings.EqualFold(name, "Transfer-Encoding")
			tx.AddRequestHeader(name, value)
		})
		tx.ProcessRequestHeaders()
		if n := string(buf("http.content_len")); !chunked && (n == "" || n == "0") {
			t.requestBody(nil)
		}
	case inspect.RequestBody:
		t.requestBody(buf("http.request_body"))
	case inspect.ResponseHeaders:
		t.requestBody(nil)
		eachHeader(buf("http.response_header"), tx.AddResponseHeader)
		status, _ := strconv.Atoi(string(buf("http.stat_code")))
		tx.ProcessResponseHeaders(status, string(buf("http.protocol")))
	case inspect.ResponseBody:
		if tx.ResponseBodyInspectable() {
			tx.WriteResponseBody(buf("http.response_body"))
		}
		tx.ProcessResponseBody()
		tx.ProcessLogging()
	}
	e.wafAlerts(u, t)
	if u.Stage == inspect.ResponseBody {
		b.finish(k)
	}
}

// requestBody runs phase 2 once: with the body when there is one, and
// before the response when the request had none.
func (t *wafTx) requestBody(body []byte) {
	if t.bodyDone {
		return
	}
	t.bodyDone = true
	if len(body) > 0 {
		t.tx.WriteRequestBody(body)
	}
	t.tx.ProcessRequestBody()
}

// wafAlerts turns the rules matched since the last stage into alerts; in
// On mode an interruption marks them blocked.
func (e *Engine) wafAlerts(u *inspect.Unit, t *wafTx) {
	matched := t.tx.MatchedRules()
	action := "allowed"
	if t.tx.Interruption() != nil {
		action = "blocked"
	}
	for _, m := range matched[t.reported:] {
		r := e.waf.rules[m.ID]
		if r == nil || !m.Log {
			continue
		}
		src, dst, sport, dport := orient(u)
		ev := &eve.Event{Timestamp: u.TS, FlowID: u.Flow.ID, SrcIP: src, SrcPort: sport, DestIP: dst, DestPort: dport,
			Proto: u.Flow.Proto, AppProto: u.Flow.App, Direction: direction(u.Dir), Sections: u.Fields}
		e.applyXFF(ev, u)
		e.emitAction(ev, r, "userspace", action, m.Msg)
	}
	t.reported = len(matched)
}

func (b *wafBridge) add(k txKey, t *wafTx, s *Stats) {
	if len(b.order) >= maxWAFTxs {
		b.finish(b.order[0])
		s.WAFEvicted++
	}
	b.txs[k] = t
	b.order = append(b.order, k)
}

func (b *wafBridge) finish(k txKey) {
	if t, ok := b.txs[k]; ok {
		t.tx.Close()
		delete(b.txs, k)
	}
	for i, o := range b.order {
		if o == k {
			b.order = append(b.order[:i], b.order[i+1:]...)
			break
		}
	}
}

// eachHeader calls fn for each "Name: value" line of a header buffer.
func eachHeader(buf []byte, fn func(name, value string)) {
	for _, line := range bytes.Split(buf, []byte("\n")) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok {
			fn(string(bytes.TrimSpace(name)), string(bytes.TrimSpace(value)))
		}
	}
}
