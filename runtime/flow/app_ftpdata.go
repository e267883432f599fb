package flow

import (
	"github.com/rulec/rulec/runtime/filehash"
	"net/netip"
	"time"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/flow/ftp"
	"github.com/rulec/rulec/runtime/inspect"
)

// Suricata's expectation bounds: an expectation older than
// expectTimeout is dropped when a lookup passes it, and a host pair
// keeps at most expectPerPair (the oldest goes). maxExpectations bounds
// them all; past it the oldest goes, counted.
const (
	expectTimeout   = 30 * time.Second
	expectPerPair   = 10
	maxExpectations = 1024
)

// expectation is an ftp-data connection a control connection announced.
type expectation struct {
	a, b netip.Addr // the control connection's hosts, a < b
	ts   time.Time
	tr   ftp.Transfer
}

// ftpDataState is an ftp-data connection's transfer: its data goes in
// dir; the first FileLimit bytes are kept for the file buffers.
type ftpDataState struct {
	tr     ftp.Transfer
	dir    inspect.Dir
	data   []byte
	size   uint64
	closed bool
	hash   *filehash.Hasher // all of the transfer's bytes
	sums   filehash.Sums    // set when it closes
	logged bool
	other  bool // the other direction's one inspection was sent
}

func hostPair(x, y netip.Addr) (netip.Addr, netip.Addr) {
	if y.Less(x) {
		return y, x
	}
	return x, y
}

// expect records an ftp-data connection the control connection f
// announced.
func (t *Tracker) expect(f *flowState, tr ftp.Transfer) {
	a, b := hostPair(f.Client, f.Server)
	n := 0
	for i := len(t.expects) - 1; i >= 0; i-- {
		e := &t.expects[i]
		if e.a == a && e.b == b {
			if n++; n >= expectPerPair {
				t.expects = append(t.expects[:i], t.expects[i+1:]...)
				t.stats.FTPTruncated++
			}
		}
	}
	if len(t.expects) >= maxExpectations {
		t.expects = t.expects[1:]
		t.stats.FTPTruncated++
	}
	t.expects = append(t.expects, expectation{a: a, b: b, ts: t.now, tr: tr})
}

// expected finds and takes the expectation a TCP flow's first data in
// direction d fulfils: same hosts, its server port the announced one, the
// data going the announced way. Expectations of the pair it passes that
// are older than expectTimeout go.
func (t *Tracker) expected(f *flowState, d inspect.Dir) (expectation, bool) {
	a, b := hostPair(f.Client, f.Server)
	for i := 0; i < len(t.expects); i++ {
		e := t.expects[i]
		if e.a != a || e.b != b {
			continue
		}
		if e.tr.Port == f.ServerPort && e.tr.ToClient == (d == inspect.ToClient) {
			t.expects = append(t.expects[:i], t.expects[i+1:]...)
			return e, true
		}
		if t.now.Sub(e.ts) > expectTimeout {
			t.expects = append(t.expects[:i], t.expects[i+1:]...)
			i--
		}
	}
	return expectation{}, false
}

// ftpDataExpected reports whether f's first data in direction d makes
// it an announced ftp-data connection, as Suricata's expectation check
// after its other protocol detection, once per direction.
func (t *Tracker) ftpDataExpected(f *flowState, d inspect.Dir) bool {
	a := &f.app
	if a.expectDone[d] || len(t.expects) == 0 {
		return false
	}
	a.expectDone[d] = true
	e, ok := t.expected(f, d)
	if ok {
		a.ftpData = &ftpDataState{tr: e.tr, dir: d, hash: filehash.New(t.cfg.FileHashes)}
	}
	return ok
}

// ftpDataFeed takes an ftp-data connection's bytes: those of the
// transfer's direction are its file, inspected as they come with the
// transfer's command; the other direction is inspected once.
func (t *Tracker) ftpDataFeed(f *flowState, d inspect.Dir, b []byte) {
	s := f.app.ftpData
	if d != s.dir || s.closed {
		return
	}
	s.size += uint64(len(b))
	s.hash.Write(b)
	if room := t.cfg.FTP.FileLimit - len(s.data); room > 0 {
		s.data = append(s.data, b[:min(room, len(b))]...)
	}
	if !t.chargeApp(f) {
		s.data = s.data[:0]
		t.stats.FTPTruncated++
		t.chargeApp(f)
	}
	t.send(t.ftpDataUnit(f, d))
	if !s.other {
		s.other = true
		t.send(t.ftpDataUnit(f, other(d)))
	}
}

// ftpDataUnit is the transfer's unit in direction d: its command, and in
// the transfer's direction its file.
func (t *Tracker) ftpDataUnit(f *flowState, d inspect.Dir) *inspect.Unit {
	s := f.app.ftpData
	u := t.unit(f, inspect.KindApp, d)
	u.Tx = 1
	u.Codes = map[string][]int64{"ftpdata_command": {ir.FTPDataCommand(s.tr.Command.String())}}
	u.Fields = map[string]map[string]any{"ftp_data": ftp.DataRecord(&s.tr)}
	if d == s.dir && s.tr.File != nil {
		addFile(u, fileFacts{name: s.tr.File, data: s.data, size: s.size, closed: s.closed, sums: s.sums})
	}
	return u
}

// ftpDataEnd closes the transfer when its direction ends (final: the
// flow ended first, its file truncated): its file is inspected complete
// and its ftp_data and fileinfo records are written.
func (t *Tracker) ftpDataEnd(f *flowState, d inspect.Dir, final bool) {
	s := f.app.ftpData
	if s == nil || s.logged || !final && d != s.dir {
		return
	}
	s.logged = true
	state := "TRUNCATED"
	if !final {
		s.closed, state = true, "CLOSED"
		s.sums = s.hash.Sums()
		t.send(t.ftpDataUnit(f, s.dir))
	}
	u := t.plainUnit(f, inspect.KindApp, s.dir)
	u.Tx = 1
	u.Fields = map[string]map[string]any{"ftp_data": ftp.DataRecord(&s.tr)}
	t.record(u)
	if s.tr.File != nil && s.size > 0 {
		t.fileRecord(f, s.dir, 1, u.Fields, inspect.FileInfo{Name: s.tr.File, Size: s.size, Sums: s.sums, Data: s.data}, state)
	}
}
