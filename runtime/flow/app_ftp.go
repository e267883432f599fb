package flow

import (
	"bytes"

	"github.com/rulec/rulec/runtime/flow/ftp"
	"github.com/rulec/rulec/runtime/inspect"
)

// portFTP is the port Suricata probes an FTP server's banner on.
const portFTP = 21

// ftpDetect reports whether a direction's first bytes are FTP as
// Suricata 8.0 detects it: a client starting with FEAT, PASS or PORT (any
// case) or "USER " (unless the server's side was detected as POP3); a server starting with
// "220 (", or, on port 21, "220 " or "220-" and a line end. more: too few
// bytes to tell.
func ftpDetect(f *flowState, d inspect.Dir, data []byte) (ok, more bool) {
	if d == inspect.ToServer {
		full := func(w string) bool { return len(data) >= len(w) && bytes.EqualFold(data[:len(w)], []byte(w)) }
		switch {
		case full("feat"), full("pass "), full("port "):
			return true, false
		case bytes.HasPrefix(data, []byte("USER ")):
			// POP3 sessions start the same way
			return f.AppDir[inspect.ToClient] != "pop3", false
		}
		return false, len(data) < 5 && (hasPrefixFoldAny(data, "feat", "pass ", "port ") || bytes.HasPrefix([]byte("USER "), data))
	}
	if len(data) >= 5 && hasPrefixFoldAny(data, "220 (") {
		return true, false
	}
	if f.ServerPort != portFTP {
		return false, len(data) < 5 && hasPrefixFoldAny(data, "220 (")
	}
	if len(data) < 5 {
		return false, bytes.HasPrefix([]byte("220"), data[:min(len(data), 3)])
	}
	if !bytes.HasPrefix(data, []byte("220")) || data[3] != ' ' && data[3] != '-' {
		return false, false
	}
	if f.Bytes[inspect.ToServer] <= 4 {
		// Suricata waits for the client's side
		return false, true
	}
	lf := bytes.IndexByte(data[4:], '\n') >= 0
	return lf, !lf
}

// ftpTx is a transaction's inspection state, by Dir: whether it waits
// for an inspection, and whether it was inspected complete (never again
// in the direction); and whether its record was written.
type ftpTx struct {
	tx      *ftp.Tx
	pending [3]ftpWait
	final   [3]bool
	logged  bool
}

// ftpWait is how far a transaction's wait for an inspection in one
// direction has come.
type ftpWait uint8

const (
	ftpNoWait  ftpWait = iota
	ftpTouched         // the direction's data changed it
	ftpReady           // and a packet of the other direction came since
)

// ftpData parses one direction of an FTP control connection; a
// transaction the data changed waits for its inspection in the
// direction (ftpPacket), and its record is written when it completes.
func (t *Tracker) ftpData(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	p := a.ftp
	cut := p.Truncated
	for _, tx := range p.Feed(d == inspect.ToServer, b) {
		ft := a.ftpTx(tx)
		if d == inspect.ToServer && !ft.final[inspect.ToServer] {
			ft.pending[inspect.ToServer] = ftpTouched
		}
		if d == inspect.ToClient {
			ft.pending[inspect.ToClient] = ftpTouched
		}
		if tx.Command == 0 {
			// replies only: Suricata skips it to server
			ft.final[inspect.ToServer] = true
		}
		if tx.Done && !ft.logged {
			ft.logged = true
			t.record(t.ftpUnit(f, inspect.ToServer, tx, true))
		}
	}
	for _, tr := range p.Transfers {
		t.expect(f, tr)
	}
	t.stats.FTPTruncated += p.Truncated - cut
	if p.Failed {
		t.stats.ParseErrors++
		a.kind = appNone
	}
	if p.TLS {
		// AUTH TLS accepted: the rest is TLS, which rulec does not follow
		a.kind = appNone
	}
	if !t.chargeApp(f) {
		a.kind = appNone
		t.chargeApp(f)
	}
}

// ftpTx returns the inspection state of a transaction, adding it.
func (a *appState) ftpTx(tx *ftp.Tx) *ftpTx {
	for _, ft := range a.ftpTxs {
		if ft.tx == tx {
			return ft
		}
	}
	ft := &ftpTx{tx: tx}
	a.ftpTxs = append(a.ftpTxs, ft)
	return ft
}

// ftpPacket inspects, on a packet of direction d, the transactions
// waiting for it. In IDS mode Suricata parses a direction's data when
// the other side acknowledges it and inspects it on the direction's next
// packet, before that packet's own data: called before the packet's data
// is parsed, it inspects the transactions whose change a packet of the
// other direction followed, and readies those of the other direction.
// Inline, data is parsed and inspected on its own packet: called after
// the packet's data, it inspects what that data changed.
func (t *Tracker) ftpPacket(f *flowState, d inspect.Dir, inline bool) {
	want := ftpReady
	if inline {
		want = ftpTouched
	}
	t.ftpInspect(f, d, want)
	if !inline {
		for _, ft := range f.app.ftpTxs {
			if ft.pending[other(d)] == ftpTouched {
				ft.pending[other(d)] = ftpReady
			}
		}
	}
}

// ftpInspect sends a unit per transaction waiting at least as far as
// want for an inspection in direction d (at the flow's end, want
// ftpNoWait: every transaction not inspected complete) and releases
// those inspected complete both ways and logged.
func (t *Tracker) ftpInspect(f *flowState, d inspect.Dir, want ftpWait) {
	a := &f.app
	kept := a.ftpTxs[:0]
	for _, ft := range a.ftpTxs {
		if ft.pending[d] >= want && !ft.final[d] {
			ft.pending[d] = ftpNoWait
			ft.final[d] = d == inspect.ToServer || ft.tx.Done
			t.send(t.ftpUnit(f, d, ft.tx, false))
		}
		if ft.final[inspect.ToServer] && ft.final[inspect.ToClient] && ft.logged {
			a.ftp.Release(ft.tx)
			continue
		}
		kept = append(kept, ft)
	}
	clear(a.ftpTxs[len(kept):])
	a.ftpTxs = kept
}

// ftpUnit is a transaction's unit in direction d: to server its command
// and mode; to client, once it is complete, its replies and mode, before
// that only whether a reply came (the one keyword Suricata inspects
// then). A record unit carries only the ftp section.
func (t *Tracker) ftpUnit(f *flowState, d inspect.Dir, tx *ftp.Tx, record bool) *inspect.Unit {
	var u *inspect.Unit
	if record {
		u = t.plainUnit(f, inspect.KindApp, d)
	} else {
		u = t.unit(f, inspect.KindApp, d)
	}
	u.Tx = tx.ID + 1
	rec := ftp.Record(tx)
	u.Fields = map[string]map[string]any{"ftp": rec}
	if record {
		return u
	}
	u.Events = tx.Events
	if !tx.Command.Known() {
		return u
	}
	codes := map[string][]int64{}
	u.Codes = codes
	complete := d == inspect.ToServer || tx.Done
	if complete && tx.DynPort != 0 {
		codes["ftp.dynamic_port"] = []int64{int64(tx.DynPort)}
		codes["ftp.mode"] = []int64{b2i64(tx.Active)}
	}
	if d == inspect.ToServer {
		u.SetBuffer("ftp.command", []byte(tx.Command.String()))
		if cd := tx.CommandDataBuffer(); cd != nil {
			u.SetBuffer("ftp.command_data", cd)
		}
		if f.app.ftp.Bounce(f.Client) {
			codes["ftpbounce"] = []int64{1}
		}
		return u
	}
	codes["ftp.reply_received"] = []int64{b2i64(tx.Done)}
	if tx.Done {
		for _, r := range tx.Replies {
			u.AddBuffer("ftp.reply", r.Text)
			u.AddBuffer("ftp.completion_code", r.Code)
		}
	}
	return u
}

func b2i64(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// ftpFlush inspects and logs, at the flow's end, the transactions not
// done with.
func (t *Tracker) ftpFlush(f *flowState) {
	a := &f.app
	if a.ftp == nil {
		return
	}
	for _, ft := range a.ftpTxs {
		if !ft.logged {
			ft.logged = true
			t.record(t.ftpUnit(f, inspect.ToServer, ft.tx, true))
		}
	}
	t.ftpInspect(f, inspect.ToServer, ftpNoWait)
	t.ftpInspect(f, inspect.ToClient, ftpNoWait)
}
