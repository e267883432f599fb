package flow

import (
	"github.com/rulec/rulec/runtime/flow/smtp"
	"github.com/rulec/rulec/runtime/inspect"
)

// smtpFrameKey is an open SMTP frame: the parser reports a frame's
// length by its type and offset.
type smtpFrameKey struct {
	typ smtp.FrameType
	off int64
}

// smtpFrames passes the SMTP parser's frames to the directions' Markers:
// an open frame (no length yet) is opened and remembered, a sized one
// closes the open frame it names or is a frame of its own (Suricata's
// second command line frame).
func (t *Tracker) smtpFrames(f *flowState) func(smtp.Frame) {
	open := map[smtpFrameKey]int64{}
	return func(fr smtp.Frame) {
		d := inspect.ToClient
		if fr.ToServer {
			d = inspect.ToServer
		}
		fd := f.app.frames[d]
		if fd == nil || fr.Offset < 0 {
			return
		}
		name := smtp.FrameNames[fr.Type]
		k := smtpFrameKey{fr.Type, fr.Offset}
		if id, ok := open[k]; ok && fr.Len >= 0 {
			delete(open, k)
			fd.Close(id, fr.Len)
			if fr.TxID >= 0 {
				fd.SetTx(id, fr.TxID)
			}
			return
		}
		id := fd.Open(name, uint64(fr.Offset), fr.Len, fr.TxID)
		if id != 0 && fr.Len < 0 {
			if len(open) >= maxSMTPOpenFrames {
				clear(open)
			}
			open[k] = id
		}
	}
}

// maxSMTPOpenFrames bounds the open SMTP frames remembered per flow (a
// line frame per direction and a data frame are open at a time).
const maxSMTPOpenFrames = 16

// smtpFrameFields are the EVE sections and files of an SMTP frame's
// transaction tx: the one the parser is on, or one whose record waits.
func (t *Tracker) smtpFrameFields(f *flowState, d inspect.Dir, tx int64) (map[string]map[string]any, []inspect.FileInfo) {
	a := &f.app
	if cur := a.smtp.Current(); cur != nil && int64(cur.ID) == tx {
		u := t.smtpUnit(f, d, cur)
		return u.Sections(), u.Files
	}
	for _, u := range a.smtpOpen {
		if int64(u.Tx) == tx+1 {
			return u.Sections(), u.Files
		}
	}
	return nil, nil
}
