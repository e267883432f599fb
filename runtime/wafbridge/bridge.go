package wafbridge

import (
	"sync/atomic"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/waf"
)

// maxTxs bounds the HTTP transactions followed at once; past it the
// oldest is finished early (counted by Evicted). Forks share the bound:
// one finishes its own oldest when they hold maxTxs together, so they
// hold at most maxTxs plus one each. An open CRS transaction
// holds some 50 to 100 KB (collections, TX variables, the request), so
// this keeps open transactions within about 400 MB, in the 1 GB a run of
// ET Open and CRS stays within.
const maxTxs = 4096

// Match is a logged SecLang rule match, to alert on.
type Match struct {
	Rule    *ir.Rule
	Msg     string // the rule's expanded msg
	Blocked bool   // in On mode, the transaction was interrupted
	// Unit is the transaction's last stage, for a match made when its
	// flow ended (FlowEnd); nil for matches Unit returns.
	Unit *inspect.Unit
}

// Bridge follows the HTTP transactions of many flows. It is not safe for
// concurrent use; its forks may run concurrently.
type Bridge struct {
	w       *waf.WAF
	rules   map[uint64]*ir.Rule // by SecLang id
	txs     map[txKey]*wafTx
	order   []txKey // open transactions, oldest first
	open    map[uint64]int
	out     []Match
	evicted uint64
	// opened counts the open transactions of the bridge and its forks,
	// which maxTxs bounds together.
	opened *atomic.Int64
}

type txKey struct{ flow, tx uint64 }

type wafTx struct {
	tx       *waf.Tx
	last     inspect.Unit // the last stage fed
	reported int          // matched rules already returned
	bodyDone bool         // phase 2 ran
}

// New compiles the SecLang rules for a bridge in the mode given.
func New(rules []*ir.Rule, mode waf.Mode) (*Bridge, error) {
	w, err := waf.New(rules, waf.Config{Mode: mode, RequestBodyAccess: true, ResponseBodyAccess: true})
	if err != nil {
		return nil, err
	}
	b := &Bridge{w: w, rules: map[uint64]*ir.Rule{}, txs: map[txKey]*wafTx{}, open: map[uint64]int{}, opened: new(atomic.Int64)}
	for _, r := range rules {
		b.rules[r.Meta.SID] = r
	}
	return b, nil
}

// Fork returns a bridge with the same compiled rules and no transactions,
// for another worker.
func (b *Bridge) Fork() *Bridge {
	return &Bridge{w: b.w, rules: b.rules, txs: map[txKey]*wafTx{}, open: map[uint64]int{}, opened: b.opened}
}

// Rejected lists the SecLang rules the WAF left out, with reasons.
func (b *Bridge) Rejected() []waf.Rejected { return b.w.Rejected() }

// Evicted counts transactions finished early to bound memory.
func (b *Bridge) Evicted() uint64 { return b.evicted }

// Unit feeds the HTTP stage u reports to its WAF transaction and returns
// the logged rules it matched since the previous stage; the slice is
// reused by the next call. Units that are not HTTP stages return nothing.
func (b *Bridge) Unit(u *inspect.Unit) []Match {
	b.out = b.out[:0]
	h := httpTx(u)
	if h == nil {
		return nil
	}
	k := txKey{u.Flow.ID, u.Tx}
	t := b.txs[k]
	if t == nil {
		if u.Stage != inspect.RequestHeaders {
			return nil
		}
		t = b.start(k, u.Flow)
	}
	t.feed(h, u.Stage)
	t.last = *u
	b.report(t, nil)
	if u.Stage == inspect.ResponseBody {
		b.finish(k)
	}
	return b.out
}

// report adds the logged rules t matched since the last report to b.out.
func (b *Bridge) report(t *wafTx, at *inspect.Unit) {
	matched := t.tx.MatchedRules()
	blocked := t.tx.Interruption() != nil
	for _, m := range matched[t.reported:] {
		if r := b.rules[m.ID]; r != nil && m.Log {
			b.out = append(b.out, Match{Rule: r, Msg: m.Msg, Blocked: blocked, Unit: at})
		}
	}
	t.reported = len(matched)
}

// FlowEnd finishes the open transactions of a flow that ended (a request
// without a response, a response cut short): their logging phase runs, as
// ModSecurity runs it when a connection closes, and the logged rules it
// matched are returned, each with its transaction's last stage. The slice
// is reused by the next call.
func (b *Bridge) FlowEnd(f *inspect.Flow) []Match {
	b.out = b.out[:0]
	if b.open[f.ID] == 0 {
		return nil
	}
	for i := 0; i < len(b.order); {
		if k := b.order[i]; k.flow == f.ID {
			t := b.txs[k]
			t.tx.ProcessLogging()
			b.report(t, &t.last)
			b.finish(k)
			continue
		}
		i++
	}
	return b.out
}

func (b *Bridge) start(k txKey, f *inspect.Flow) *wafTx {
	if b.opened.Load() >= maxTxs && len(b.order) > 0 {
		b.finish(b.order[0])
		b.evicted++
	}
	b.opened.Add(1)
	t := &wafTx{tx: b.w.NewTransaction()}
	b.txs[k] = t
	b.order = append(b.order, k)
	b.open[k.flow]++
	t.tx.ProcessConnection(f.Client.String(), int(f.ClientPort), f.Server.String(), int(f.ServerPort))
	return t
}

func (b *Bridge) finish(k txKey) {
	t, ok := b.txs[k]
	if !ok {
		return
	}
	t.tx.Close()
	b.opened.Add(-1)
	delete(b.txs, k)
	if b.open[k.flow]--; b.open[k.flow] == 0 {
		delete(b.open, k.flow)
	}
	for i, o := range b.order {
		if o == k {
			b.order = append(b.order[:i], b.order[i+1:]...)
			break
		}
	}
}
