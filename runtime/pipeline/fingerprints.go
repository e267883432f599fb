package pipeline

import (
	"maps"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/flow"
)

// fingerprints resolves Suricata's "auto" JA3, JA4 and HASSH settings: on
// when a rule inspects the fingerprint.
func fingerprints(fc flow.Config, rules []*ir.Rule) flow.Config {
	ja3, ja4, hassh := false, false, false
	for _, r := range rules {
		for _, m := range r.Matchers {
			n := m.Buf().Name
			ja3 = ja3 || strings.HasPrefix(n, "ja3")
			ja4 = ja4 || strings.HasPrefix(n, "ja4")
			hassh = hassh || strings.HasPrefix(n, "ssh.hassh")
		}
	}
	resolve := func(t *flow.Toggle, used bool) {
		if *t == flow.Auto {
			*t = flow.Off
			if used {
				*t = flow.On
			}
		}
	}
	resolve(&fc.JA3, ja3)
	resolve(&fc.JA4, ja4)
	resolve(&fc.Hassh, hassh)
	return fc
}

// frameTypes enables the app-layer frame types the rules inspect, as
// Suricata's frame keyword enables its type.
func frameTypes(fc flow.Config, rules []*ir.Rule) flow.Config {
	fc.Frames = maps.Clone(fc.Frames)
	for _, r := range rules {
		for _, m := range r.Matchers {
			proto, typ, ok := ir.FrameOf(m.Buf().Name)
			if !ok {
				continue
			}
			if fc.Frames == nil {
				fc.Frames = map[string]bool{}
			}
			fc.Frames[proto+"."+typ] = true
		}
	}
	return fc
}

// appStates makes TLS flows inspect their progress when a rule compares
// it (app-layer-state).
func appStates(fc flow.Config, rules []*ir.Rule) flow.Config {
	for _, r := range rules {
		for _, m := range r.Matchers {
			if f, ok := m.(*ir.Field); ok && ir.IsStateField(f.Name) {
				fc.TLSStates = true
			}
		}
	}
	return fc
}
