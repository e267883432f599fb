package engine

import (
	"hash/fnv"
	"time"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/refeval"
)

// maxKernelIPOnly bounds the kernel IP-only dedupe set; past it the set
// restarts (a repeated alert rather than a lost one).
const maxKernelIPOnly = 1 << 20

// kernelAlert turns a classifier alert into an EVE event.
func (e *Engine) kernelAlert(ts time.Time, t refeval.Tuple, ev refeval.Event) {
	if int(ev.Rule) >= len(e.obj.Rules) {
		e.stats.BadEvents++
		return
	}
	r := e.obj.Rules[ev.Rule]
	if isIPOnly(r) {
		k := ipOnlyKey{ev.Rule, t.Src, t.Dst, t.Proto, t.Sport, t.Dport}
		if e.kernelIP[k] {
			return
		}
		if len(e.kernelIP) >= maxKernelIPOnly {
			clear(e.kernelIP)
		}
		e.kernelIP[k] = true
	}
	e.emit(&eve.Event{Timestamp: ts, FlowID: tupleFlowID(t), SrcIP: t.Src, SrcPort: t.Sport, DestIP: t.Dst, DestPort: t.Dport, Proto: t.Proto}, r, "kernel")
}

func isIPOnly(r *ir.Rule) bool {
	u, _ := prepare(0, r)
	return u.ipOnly
}

// tupleFlowID derives a flow id for kernel alerts from the unordered
// tuple, so both directions of a connection share it.
func tupleFlowID(t refeval.Tuple) uint64 {
	a, b := t.Src, t.Dst
	ap, bp := t.Sport, t.Dport
	if b.Less(a) || (a == b && bp < ap) {
		a, b, ap, bp = b, a, bp, ap
	}
	h := fnv.New64a()
	h.Write(a.AsSlice())
	h.Write(b.AsSlice())
	h.Write([]byte{t.Proto, byte(ap >> 8), byte(ap), byte(bp >> 8), byte(bp)})
	return h.Sum64() &^ (1 << 63)
}

// userAlert turns a userspace match into an EVE event.
func (e *Engine) userAlert(u *inspect.Unit, c *urule) {
	src, dst, sport, dport := orient(u)
	ev := &eve.Event{Timestamp: u.TS, FlowID: u.Flow.ID, SrcIP: src, SrcPort: sport, DestIP: dst, DestPort: dport,
		Proto: u.Flow.Proto, AppProto: u.Flow.App, Direction: direction(u.Dir), Sections: u.Fields}
	e.applyXFF(ev, u)
	e.emit(ev, c.r, "userspace")
}

// applyXFF rewrites or annotates an alert on an HTTP request carrying an
// X-Forwarded-For header, as the XFF setting says.
func (e *Engine) applyXFF(ev *eve.Event, u *inspect.Unit) {
	x := e.opts.XFF
	if x == nil {
		return
	}
	headers, _ := u.Buffer("http.request_header")
	addr, ok := x.Address(headers)
	if !ok {
		return
	}
	if x.Mode != "overwrite" {
		ev.XFF = addr.String()
		return
	}
	switch u.Flow.Client {
	case ev.SrcIP:
		ev.SrcIP = addr
	case ev.DestIP:
		ev.DestIP = addr
	}
}

func direction(d inspect.Dir) string {
	if d == inspect.ToClient {
		return "to_client"
	}
	return "to_server"
}

func (e *Engine) emit(ev *eve.Event, r *ir.Rule, tier string) {
	action := "allowed"
	if actionRank(r.Action) == 1 || actionRank(r.Action) == 2 {
		action = "blocked"
	}
	e.emitAction(ev, r, tier, action, r.Meta.Msg)
}

// emitAction writes an alert for r with the EVE alert action and
// signature given.
func (e *Engine) emitAction(ev *eve.Event, r *ir.Rule, tier, action, signature string) {
	m := r.Meta
	ev.Timestamp = ev.Timestamp.UTC()
	ev.EventType = "alert"
	ev.InIface = e.opts.Iface
	if e.opts.Offline {
		ev.PcapCnt = e.stats.Packets
	}
	ev.Alert = &eve.Alert{Action: action, GID: m.GID, SignatureID: m.SID, Rev: m.Rev, Signature: signature,
		Category: m.Category, Severity: m.Priority, SeverityName: e.opts.Severity.Name(m.Priority), Tier: tier}
	e.stats.alert(m.SID, ev.Alert.SeverityName, tier)
	if e.opts.EVE != nil {
		if err := e.opts.EVE.Write(ev); err != nil && e.err == nil {
			e.err = err
		}
	}
	if e.opts.OnAlert != nil {
		e.opts.OnAlert(ev)
	}
}
