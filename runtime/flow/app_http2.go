package flow

import (
	"bytes"
	"slices"

	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/http2"
	"github.com/rulec/rulec/runtime/inspect"
)

// portHTTP2 is the server port Suricata probes an HTTP/2 server's first
// SETTINGS frame on.
const portHTTP2 = 80

// http2Pattern is the start of the client preface, Suricata's HTTP/2
// detection pattern (any case).
const http2Pattern = "PRI * HTTP/2.0\r\n"

// http2Detect reports whether a direction's first bytes are HTTP/2: a
// client's preface, or on port 80 a server opening with a SETTINGS frame.
func http2Detect(f *flowState, d inspect.Dir, data []byte) (ok, more bool) {
	if d == inspect.ToServer {
		n := min(len(data), len(http2Pattern))
		match := bytes.EqualFold(data[:n], []byte(http2Pattern[:n]))
		return match && n == len(http2Pattern), match && n < len(http2Pattern)
	}
	if f.ServerPort != portHTTP2 {
		return false, false
	}
	return http2.Probe(data)
}

// http2State is a flow's HTTP/2 parse: the DNS messages of its DoH2
// transactions, by transaction and direction, once parsed; in IDS mode,
// by Dir, the units and records due on the direction's next packet.
type http2State struct {
	p   *http2.Parser
	doh map[*http2.Tx]*[3]*dns.Message
	due [3][]http2Due
	// dueAt, while the bytes held during detection are parsed, is the
	// direction whose next packet takes what they make: the one that
	// acknowledges the deciding data (Suricata parses the other
	// direction's held data along with it).
	dueAt inspect.Dir
}

// http2Due is a unit to inspect, or a record to write, later.
type http2Due struct {
	u      *inspect.Unit
	record bool
}

// maxHTTP2Due bounds what waits for a direction's next packet; past it
// the oldest goes at once.
const maxHTTP2Due = 4096

// http2Later sends a unit, or writes a record, of data parsed in
// direction d: inline at once; in IDS mode on the other direction's next
// packet, which acknowledges the data (Suricata parses a direction's
// data then, and inspects and logs what it made on that packet).
func (t *Tracker) http2Later(f *flowState, d inspect.Dir, u *inspect.Unit, record bool) {
	if t.cfg.IPS {
		t.http2Now(http2Due{u, record})
		return
	}
	h := f.app.http2
	o := other(d)
	if h.dueAt != 0 {
		o = h.dueAt
	}
	if len(h.due[o]) >= maxHTTP2Due {
		t.http2Now(h.due[o][0])
		h.due[o] = h.due[o][1:]
	}
	h.due[o] = append(h.due[o], http2Due{u, record})
}

func (t *Tracker) http2Now(x http2Due) {
	if x.record {
		t.record(x.u)
		return
	}
	t.send(x.u)
}

// http2Packet inspects and logs, on a packet of direction d, what waits
// for it.
func (t *Tracker) http2Packet(f *flowState, d inspect.Dir) {
	h := f.app.http2
	if h == nil || len(h.due[d]) == 0 {
		return
	}
	for _, x := range h.due[d] {
		x.u.TS, x.u.Packet = t.cur.TS, t.cur
		t.http2Now(x)
	}
	clear(h.due[d])
	h.due[d] = h.due[d][:0]
}

// http2Data parses one direction of an HTTP/2 connection: each
// transaction the bytes changed gives a unit in their direction with its
// http section; a DNS message a DoH2 stream carries makes the flow doh2
// (app_proto_orig http2); a transaction's record is written once it is
// complete.
func (t *Tracker) http2Data(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	h := a.http2
	cut := h.p.Truncated
	for _, tx := range h.p.Feed(d == inspect.ToServer, b) {
		t.http2DNS(f, tx)
		t.http2Later(f, d, t.http2Unit(f, d, tx), false)
		if tx.Complete() {
			t.http2Record(f, d, tx)
		}
	}
	t.stats.HTTP2Truncated += h.p.Truncated - cut
	if h.p.Failed {
		t.stats.ParseErrors++
		t.http2End(f)
	}
	if !t.chargeApp(f) {
		t.http2End(f)
		t.chargeApp(f)
	}
}

// http2DNS parses the DNS messages a transaction's DoH2 data completed.
func (t *Tracker) http2DNS(f *flowState, tx *http2.Tx) {
	h := f.app.http2
	for i, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		msg := tx.DNS[i]
		if msg == nil {
			continue
		}
		tx.DNS[i] = nil
		m, err := t.dns.Decode(msg)
		if err != nil || m.Response != (d == inspect.ToClient) {
			t.stats.ParseErrors++
			continue
		}
		t.stats.DNSMessages++
		if h.doh == nil {
			h.doh = map[*http2.Tx]*[3]*dns.Message{}
		}
		ms := h.doh[tx]
		if ms == nil {
			ms = &[3]*dns.Message{}
			h.doh[tx] = ms
		}
		ms[d] = m
		if f.App != "doh2" {
			f.AppOrig, f.App = f.App, "doh2"
			f.AppDir[inspect.ToServer], f.AppDir[inspect.ToClient] = "doh2", "doh2"
		}
	}
}

func (t *Tracker) http2Unit(f *flowState, d inspect.Dir, tx *http2.Tx) *inspect.Unit {
	return http2Fill(t.unit(f, inspect.KindApp, d), tx)
}

// http2Fill gives u a transaction's buffers and fields in u's direction.
func http2Fill(u *inspect.Unit, tx *http2.Tx) *inspect.Unit {
	d := u.Dir
	u.Tx = tx.ID + 1
	u.Events = slices.Clone(tx.Events)
	dir := 0
	if d == inspect.ToClient {
		dir = 1
	}
	u.Codes = http2.Codes(tx, dir)
	http2.Headers(tx, dir, func(name, value []byte) {
		u.AddBuffer("http2.header_name", name)
		u.AddBuffer("http2.header", concatHeader(name, value))
	})
	for _, b := range http2.Buffers(tx, d == inspect.ToServer) {
		u.SetBuffer(b.Name, b.Value)
	}
	if rec := http2.Record(tx); rec != nil {
		u.Fields = map[string]map[string]any{"http": rec}
	}
	return u
}

// http2Record writes a transaction's record as Suricata 8 does: an http
// event (types http2); on a doh2 flow (types doh2) a dns event when the
// transaction carries a DNS message (the response's, else the
// request's), with its http section.
func (t *Tracker) http2Record(f *flowState, d inspect.Dir, tx *http2.Tx) {
	if u := t.http2RecordUnit(f, tx); u != nil {
		t.http2Later(f, d, u, true)
	}
}

// http2RecordUnit is the unit carrying a transaction's record, nil when
// there is nothing to write.
func (t *Tracker) http2RecordUnit(f *flowState, tx *http2.Tx) *inspect.Unit {
	h := f.app.http2
	u := http2Fill(t.plainUnit(f, inspect.KindApp, inspect.ToServer), tx)
	u.LogType = "http2"
	if f.App == "doh2" {
		u.LogType = "doh2"
	}
	if ms := h.doh[tx]; ms != nil {
		delete(h.doh, tx)
		m, response := ms[inspect.ToClient], true
		if m == nil {
			m, response = ms[inspect.ToServer], false
		}
		if r := m.RecordV3(0, response, t.cfg.DNSLog); r != nil {
			if u.Fields == nil {
				u.Fields = map[string]map[string]any{}
			}
			u.Fields["dns"] = r
		}
	}
	if u.Fields == nil {
		return nil
	}
	return u
}

// http2End ends the parse of a connection: the records of its
// transactions not complete are written as they are.
func (t *Tracker) http2End(f *flowState) {
	a := &f.app
	h := a.http2
	if h == nil {
		return
	}
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		for _, x := range h.due[d] {
			x.u.Packet = nil
			if f == t.curFlow {
				x.u.TS, x.u.Packet = t.cur.TS, t.cur
			}
			t.http2Now(x)
		}
		h.due[d] = nil
	}
	for _, tx := range h.p.Open() {
		if !tx.Complete() {
			if u := t.http2RecordUnit(f, tx); u != nil {
				t.record(u)
			}
		}
	}
	a.kind, a.http2 = appNone, nil
}

// concatHeader is an http2.header instance, "name: value".
func concatHeader(name, value []byte) []byte {
	b := make([]byte, 0, len(name)+2+len(value))
	return append(append(append(b, name...), ": "...), value...)
}

// h2cUpgrade switches an HTTP flow to HTTP/2 after a 101 response
// accepted the request's Upgrade: h2c. As Suricata, the switch waits for
// the connection's next data (the HTTP/1 transactions are inspected and
// logged as HTTP until then) and app_proto_orig is "http"; the HTTP/2
// parser starts with that request as stream 1 (to server, inspected on
// the client's next packet).
func (t *Tracker) h2cUpgrade(f *flowState) {
	a := &f.app
	tx := a.h2c
	a.h2c = nil
	for _, u := range a.httpOpen {
		t.record(u)
	}
	a.httpOpen = nil
	f.AppOrig = f.App
	a.http = nil
	t.setApp(f, appHTTP2)
	headers := make([]http2.Field, len(tx.Request.Headers))
	for i, h := range tx.Request.Headers {
		headers[i] = http2.Field{Name: h.Name, Value: h.Value}
	}
	for _, h2tx := range a.http2.p.Upgrade(tx.Method, tx.URI, headers) {
		t.http2Later(f, inspect.ToClient, t.http2Unit(f, inspect.ToServer, h2tx), false)
		if h2tx.Complete() {
			t.http2Record(f, inspect.ToClient, h2tx)
		}
	}
}
