package engine

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// appProtoHolds checks app-layer-protocol on a unit as Suricata 8 does:
// a detection-only rule needs a packet on which detection finished, a
// negated test needs the protocol it reads to be known, and "either"
// reads both directions.
func appProtoHolds(m *ir.AppProto, u *inspect.Unit) bool {
	p, f := u.Packet, u.Flow
	if p == nil || f == nil {
		return false
	}
	if m.PDOnly && !p.ProtoDetect[inspect.ToServer] && !p.ProtoDetect[inspect.ToClient] {
		return false
	}
	var got []string
	switch m.Mode {
	case "to_server":
		got = []string{f.AppDir[inspect.ToServer]}
	case "to_client":
		got = []string{f.AppDir[inspect.ToClient]}
	case "either":
		got = []string{f.AppDir[inspect.ToServer], f.AppDir[inspect.ToClient]}
	case "final", "original":
		got = []string{finalApp(f)}
	default:
		got = []string{f.AppDir[u.Dir]}
	}
	known, equal := false, false
	for _, g := range got {
		if g == "" {
			g = "unknown"
		} else {
			known = true
		}
		equal = equal || ir.AppProtoEquals(m.Proto, g)
	}
	if m.Negated {
		return known && !equal
	}
	return equal
}

// finalApp is the flow's protocol: the detected one, "failed" once
// detection gave up, "" while unknown.
func finalApp(f *inspect.Flow) string {
	switch {
	case f.App != "":
		return f.App
	case f.AppDir[inspect.ToServer] == "failed" || f.AppDir[inspect.ToClient] == "failed":
		return "failed"
	}
	return ""
}
