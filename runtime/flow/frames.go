package flow

import (
	"bytes"
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// frameWindow is how many of a direction's latest stream bytes are kept
// for its frames (parsers mark a frame once they have read it, so its
// bytes may have come in earlier feeds): more than the largest record a
// parser buffers whole (64 KiB and its header). A frame longer than that
// is inspected in pieces as its bytes would leave the window.
const frameWindow = 72 << 10

// frameChunk is how many new bytes of a frame whose end is unknown are
// gathered before they are inspected, as Suricata waits for 2,500 bytes
// (its IPS mode inspects at every update and at the stream's end, the
// last 2,500 bytes again).
const frameChunk = 2500

// openFrame is a frame not inspected whole yet.
type openFrame struct {
	id   int64
	typ  string
	off  uint64 // stream offset of its first byte
	n    int64  // its length, -1 while unknown
	tx   int64
	done uint64 // bytes from off inspected, not to be inspected again
	seen uint64 // bytes from off inspected at least once
}

// frameDir is one direction's frames and the stream bytes they need; it
// is the direction's frame.Marker.
type frameDir struct {
	t      *Tracker
	f      *flowState
	d      inspect.Dir
	app    string
	fed    uint64 // bytes fed to the direction's parser: its stream offset
	win    []byte // the stream's bytes from winOff to fed
	winOff uint64
	lastID int64
	open   []*openFrame
	off    bool // frames stopped (a gap, the memcap)
	udp    bool // frames of datagrams, offsets in their payload
}

// Open marks a frame when a rule inspects its type.
func (fd *frameDir) Open(typ string, off uint64, n int64, tx int64) int64 {
	if fd.off || !fd.t.cfg.Frames[fd.app+"."+typ] {
		return 0
	}
	fd.lastID++
	fd.open = append(fd.open, &openFrame{id: fd.lastID, typ: typ, off: off, n: n, tx: tx})
	return fd.lastID
}

// Close sets the length of an open frame.
func (fd *frameDir) Close(id int64, n int64) {
	if fr := fd.find(id); fr != nil {
		fr.n = n
	}
}

// SetTx sets the transaction of a frame.
func (fd *frameDir) SetTx(id int64, tx int64) {
	if fr := fd.find(id); fr != nil {
		fr.tx = tx
	}
}

func (fd *frameDir) find(id int64) *openFrame {
	if fd == nil {
		return nil
	}
	for _, fr := range fd.open {
		if fr.id == id {
			return fr
		}
	}
	return nil
}

// markPDU opens a message's pdu frame, n bytes at off.
func (fd *frameDir) markPDU(off uint64, n int) int64 {
	if fd == nil || n == 0 {
		return 0
	}
	return fd.Open("pdu", off, int64(n), -1)
}

// datagram runs parse, which marks frames in the UDP payload b (offsets
// in b), and inspects them on the packet, as Suricata's UDP frames.
func (fd *frameDir) datagram(b []byte, parse func()) {
	if fd == nil {
		parse()
		return
	}
	fd.win, fd.winOff, fd.fed, fd.udp = b, 0, uint64(len(b)), true
	parse()
	fd.check(true)
	fd.win, fd.fed = nil, 0
}

// newFrames sets up the frames of a flow whose protocol a rule inspects
// frames of.
func (t *Tracker) newFrames(f *flowState, app string) {
	used := false
	for name := range t.cfg.Frames {
		proto, _, _ := cutDot(name)
		used = used || proto == app
	}
	if !used {
		return
	}
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		f.app.frames[d] = &frameDir{t: t, f: f, d: d, app: app}
	}
}

func cutDot(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// feed keeps bytes about to be fed to the direction's parser; on the
// direction's first bytes it opens its stream frame.
func (fd *frameDir) feed(b []byte) {
	if fd == nil || fd.off || len(b) == 0 {
		return
	}
	if fd.fed == 0 {
		fd.Open("stream", 0, -1, -1)
	}
	fd.win = append(fd.win, b...)
	fd.fed += uint64(len(b))
	if len(fd.win) >= 2*frameWindow {
		keep := fd.fed - frameWindow
		fd.flushBefore(keep)
		cut := int(keep - fd.winOff)
		fd.win = append(fd.win[:0], fd.win[cut:]...)
		fd.winOff = keep
	}
	if !fd.t.chargeApp(fd.f) {
		fd.stop()
	}
}

// flushBefore inspects, in a piece, what open frames have not had
// inspected of their bytes before the stream offset keep.
func (fd *frameDir) flushBefore(keep uint64) {
	for _, fr := range fd.open {
		if fr.off+fr.done < keep {
			end := fd.fed
			if fr.n >= 0 {
				end = min(end, fr.off+uint64(fr.n))
			}
			fd.t.stats.FramePieces++
			fd.inspect(fr, end)
			fr.done = end - fr.off
		}
	}
}

// check inspects the frames the bytes fed so far complete, and pieces of
// those whose end is unknown; eof ends the direction's stream.
func (fd *frameDir) check(eof bool) {
	if fd == nil {
		return
	}
	ips := fd.t.cfg.IPS
	fd.open = slices.DeleteFunc(fd.open, func(fr *openFrame) bool {
		avail := fd.fed - fr.off
		if fd.fed < fr.off {
			avail = 0
		}
		switch {
		case fr.n >= 0 && uint64(fr.n) <= avail:
			fd.inspect(fr, fr.off+uint64(fr.n))
			return true
		case eof:
			if fr.n < 0 {
				fr.n = int64(avail)
			}
			// IPS mode inspects the window once more at the end
			if avail > fr.seen || ips && avail > fr.done {
				fd.inspect(fr, fd.fed)
			}
			return true
		case fr.n >= 0:
			return false
		case ips && avail > fr.seen:
			fd.inspect(fr, fd.fed)
			fr.done = max(avail, frameChunk) - frameChunk
		case !ips && avail-fr.done >= frameChunk:
			fd.inspect(fr, fd.fed)
			fr.done = avail
		}
		return false
	})
	if eof {
		fd.open = nil
	}
}

// stop ends the direction's frames: what is open is inspected as it is.
func (fd *frameDir) stop() {
	if fd == nil || fd.off {
		return
	}
	for _, fr := range fd.open {
		if fd.fed > fr.off+fr.seen {
			fd.inspect(fr, fd.fed)
		}
	}
	fd.t.stats.FramesStopped++
	fd.open, fd.win, fd.off = nil, nil, true
	fd.t.chargeApp(fd.f)
}

// held is the memory the direction's frames keep.
func (fd *frameDir) held() int {
	if fd == nil {
		return 0
	}
	return cap(fd.win)
}

// inspect emits a KindFrame unit for the frame's bytes from where its
// inspection stands to the stream offset end.
func (fd *frameDir) inspect(fr *openFrame, end uint64) {
	t, f := fd.t, fd.f
	from := fr.off + fr.done
	lost := uint64(0)
	if from < fd.winOff {
		lost, from = min(fd.winOff, end)-from, min(fd.winOff, end)
	}
	t.stats.FrameBytesLost += lost
	data := fd.win[from-fd.winOff : end-fd.winOff]
	logEnd := fd.fed
	if fr.n >= 0 {
		logEnd = min(logEnd, fr.off+uint64(fr.n))
	}
	start := min(max(fr.off, fd.winOff), logEnd)
	u := t.unit(f, inspect.KindFrame, fd.d)
	u.SetBuffer(ir.FrameBuffer(fd.app, fr.typ), data)
	u.Fields, u.Files = t.frameFields(f, fd.d, fr.tx)
	length := fr.n
	if length < 0 {
		length = int64(fd.fed - fr.off)
	}
	u.Frame = &inspect.Frame{Type: fr.typ, ID: fr.id, Offset: fr.off, Length: length, Tx: fr.tx, Datagram: fd.udp,
		Complete: fr.n >= 0 && fr.off+uint64(fr.n) <= fd.fed,
		Payload:  fd.win[start-fd.winOff : logEnd-fd.winOff], Missing: start - fr.off}
	if fr.tx >= 0 {
		u.Tx = uint64(fr.tx) + 1
	}
	if t.waits(u) {
		// the window moves on before the unit is inspected
		u.SetBuffer(ir.FrameBuffer(fd.app, fr.typ), bytes.Clone(data))
		u.Frame.Payload = bytes.Clone(u.Frame.Payload)
	}
	fr.seen = max(fr.seen, end-fr.off)
	t.stats.FrameUnits++
	t.send(u)
}

// frameFields are the EVE sections and files of a frame's alert: its
// flow's app-layer record so far (HTTP, SMTP: that of the frame's
// transaction tx), as Suricata logs a frame's transaction.
func (t *Tracker) frameFields(f *flowState, d inspect.Dir, tx int64) (map[string]map[string]any, []inspect.FileInfo) {
	a := &f.app
	switch a.kind {
	case appSSH:
		return t.sshFields(f), nil
	case appTLS:
		return t.tlsFields(f), nil
	case appSMTP:
		return t.smtpFrameFields(f, d, tx)
	case appHTTP:
		for _, u := range a.httpOpen {
			if int64(u.Tx) == tx+1 {
				return u.Sections(), nil
			}
		}
		if int64(a.httpDoneTx) == tx+1 {
			return a.httpDone, nil
		}
	}
	return nil, nil
}
