package flow

import "github.com/rulec/rulec/runtime/inspect"

// appFailed is a direction's protocol once detection gave up.
const appFailed = "failed"

// protoDetected records that detection finished for direction d of f
// with protocol name, and flags the packet that tells the rules
// (inspect.Packet.ProtoDetect). Suricata flags the packet being
// processed when it is of that direction and not inspected yet (data
// inline: IPS mode, or outside TCP; in IDS mode a failure decided on the
// acknowledging packet); otherwise the direction's next packet.
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
	if t.detectsNow(f, d) {
		t.cur.ProtoDetect[d] = true
		return
	}
	f.detectPending[d] = true
}

// detectsNow reports whether detection on direction d's data is the
// current packet's: a packet of that direction not inspected yet (data
// inline; in IDS mode, detection on the acknowledging packet), else the
// direction's next packet.
func (t *Tracker) detectsNow(f *flowState, d inspect.Dir) bool {
	return f == t.curFlow && t.curDir == d && !t.curSent
}

// appEvent raises an app-layer packet event of detection on direction
// d's data, on the packet that detection flags.
func (t *Tracker) appEvent(f *flowState, d inspect.Dir, ev inspect.AppEvent) {
	if t.detectsNow(f, d) {
		t.cur.AppEvents.Set(ev)
		return
	}
	f.appEventsPending[d].Set(ev)
}

// connectTunnel changes an HTTP flow's protocol once a CONNECT request
// got its 2xx response, as Suricata's HTTP parser asks the app layer to:
// detection starts again on the bytes that follow (a new HTTP parser,
// its transactions counted from 0, or TLS, ...) and the flow's
// app_proto_orig is "http".
func (t *Tracker) connectTunnel(f *flowState) {
	a := &f.app
	for _, u := range a.httpOpen {
		t.record(u) // the CONNECT transaction (and any before it) is complete
	}
	a.httpOpen = nil
	f.AppOrig = f.App
	a.kind, a.probe, a.http = appUnknown, [3][]byte{}, nil
	f.AppDir = [3]string{}
}

// protocolChange wraps up the flow's protocol when its parser asks for a
// change (SMTP's STARTTLS accepted): detection runs again on the bytes
// that follow, expecting protocol expect, and the flow's app_proto_orig
// is the old protocol.
func (t *Tracker) protocolChange(f *flowState, expect appKind) {
	a := &f.app
	f.AppOrig = f.App
	a.kind, a.probe, a.expect = appUnknown, [3][]byte{}, expect
	f.AppDir = [3]string{}
}

// changeDetected checks the protocol detected after a change against
// the one expected, raising Suricata's applayer_unexpected_protocol (and
// applayer_no_tls_after_starttls when TLS was expected); the new
// parser's first data is parsed while the change is under way.
func (t *Tracker) changeDetected(f *flowState, d inspect.Dir, k appKind) {
	a := &f.app
	if a.expect == appUnknown {
		return
	}
	if k != a.expect {
		t.appEvent(f, d, inspect.AppUnexpectedProtocol)
		if a.expect == appTLS {
			t.appEvent(f, d, inspect.AppNoTLSAfterStartTLS)
		}
	}
	if a.http != nil {
		a.http.RefuseChange = true
	}
}

// changeDone ends a protocol change once the new protocol's first data
// was parsed.
func (t *Tracker) changeDone(f *flowState) {
	a := &f.app
	if a.kind == appUnknown || a.expect == appUnknown {
		return
	}
	a.expect = appUnknown
	if a.http != nil {
		a.http.RefuseChange = false
	}
}
