package flow

import "github.com/rulec/rulec/runtime/inspect"

// appFailed is a direction's protocol once detection gave up.
const appFailed = "failed"

// protoDetected records that detection finished for direction d of f
// with protocol name, and flags the packet that tells the rules
// (inspect.Packet.ProtoDetect). Suricata flags the packet being
// processed when it carries the direction's data inline (IPS mode, or
// outside TCP); otherwise TCP data is detected once acknowledged and the
// direction's next packet is flagged.
func (t *Tracker) protoDetected(f *flowState, d inspect.Dir, name string) {
	if f.AppDir[d] != "" {
		return
	}
	f.AppDir[d] = name
	t.flagDetect(f, d)
}

// protoFailed records that detection gave up on f: each direction not
// yet detected is failed, and every direction not failed before is
// flagged, as Suricata's DisableAppLayer does.
func (t *Tracker) protoFailed(f *flowState) {
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		switch f.AppDir[d] {
		case appFailed:
			continue
		case "":
			f.AppDir[d] = appFailed
		}
		t.flagDetect(f, d)
	}
}

func (t *Tracker) flagDetect(f *flowState, d inspect.Dir) {
	inline := f.Proto != 6 || t.cfg.IPS
	if inline && f == t.curFlow && t.curDir == d && !t.curSent {
		t.cur.ProtoDetect[d] = true
		return
	}
	f.detectPending[d] = true
}

// inlineDetect, in IPS mode, detects the protocol of a TCP flow's
// direction from the packet's in-order data before the packet is
// inspected, as Suricata's inline stream engine hands the data to the app
// layer first; the app layer then parses the same bytes after inspection
// and decides the same.
func (t *Tracker) inlineDetect(f *flowState, d inspect.Dir, p *inspect.Packet) {
	tc := f.tcp
	h := &tc.half[d]
	if f.AppDir[d] != "" || !tc.reassemble || len(p.Payload) == 0 || p.TCPFlags&flagSYN != 0 ||
		!h.Started() || h.Ended() || t.seg.Seq != h.Next() ||
		t.cfg.StreamDepth > 0 && tc.inspected[d] >= t.cfg.StreamDepth {
		return
	}
	if f.app.kind != appUnknown {
		// the other direction decided; this one's data goes to its parser
		if f.App != "" {
			t.protoDetected(f, d, f.App)
		}
		return
	}
	data := p.Payload
	if held := f.app.probe[d]; len(held) > 0 {
		data = append(append(make([]byte, 0, len(held)+len(data)), held...), data...)
	}
	switch k := t.decideTCP(f, d, data); k {
	case appUnknown:
	case appNone:
		t.protoFailed(f)
	default:
		f.App = appNames[k]
		t.protoDetected(f, d, f.App)
	}
}
