package pipeline

import "bytes"

// heldFrame is how a worker holds the frame of its turn: in the capture
// reader's buffer, which the next record reuses. Tests hold it in memory
// of its own, or copy it and overwrite the copy after the turn, to find
// state that keeps a frame's bytes past its turn.
type heldFrame struct {
	buf, hdr []byte
}

// frameTest is how workers hold their frames (frameShared outside tests).
var frameTest int

const (
	frameShared = iota
	frameFresh
	frameScribble
)

// hold returns the frame and link header to run.
func (h *heldFrame) hold(frame, hdr []byte) ([]byte, []byte) {
	switch frameTest {
	case frameFresh:
		return bytes.Clone(frame), bytes.Clone(hdr)
	case frameScribble:
		h.buf, h.hdr = append(h.buf[:0], frame...), append(h.hdr[:0], hdr...)
		if hdr == nil {
			return h.buf, nil
		}
		return h.buf, h.hdr
	}
	return frame, hdr
}

// release ends the turn.
func (h *heldFrame) release() {
	if frameTest == frameScribble {
		for _, b := range [][]byte{h.buf, h.hdr} {
			for i := range b {
				b[i] = 0xa5
			}
		}
	}
}
