package http

import (
	"github.com/rulec/rulec/runtime/flow/frame"
	"github.com/rulec/rulec/runtime/inspect"
)

// msgFrame is the frame of the message a side is reading (Suricata's
// http.request and http.response frames): it opens where the message
// starts, after the previous one, and closes when the message is
// complete.
type msgFrame struct {
	marker frame.Marker
	fed    uint64 // bytes fed to the side, gaps included
	id     int64  // the open frame, 0 without one
	off    uint64
	msg    *Message // the message once its head made its transaction
	prev   *Tx      // the side's transaction when the frame opened
}

// SetFrames sets the Marker of a direction's message frames.
func (p *Parser) SetFrames(dir inspect.Dir, m frame.Marker) { p.side(dir).frame.marker = m }

// open starts the frame of a side's next message when its first byte is
// about to be read.
func (s *side) openFrame() {
	f := &s.frame
	if f.marker == nil || f.id != 0 || s.state != stHead {
		return
	}
	typ := "request"
	if s.resp {
		typ = "response"
	}
	f.id, f.off, f.msg, f.prev = f.marker.Open(typ, f.fed, -1, -1), f.fed, nil, s.tx
}

// advance counts n bytes read and follows the open frame's message: its
// transaction once its head is read, its length once it is complete.
func (s *side) advance(n int) {
	f := &s.frame
	f.fed += uint64(n)
	if f.id == 0 {
		return
	}
	if f.msg == nil && s.tx != nil && s.tx != f.prev {
		f.msg = s.tx.message(s)
		f.marker.SetTx(f.id, int64(s.tx.ID))
	}
	if f.msg != nil && f.msg.Complete {
		f.marker.Close(f.id, int64(f.fed-f.off))
		f.id, f.msg, f.prev = 0, nil, nil
	}
}
