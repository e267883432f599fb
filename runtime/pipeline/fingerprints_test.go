package pipeline

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/flow"
)

// TestFingerprintsAuto: Suricata's "auto" JA3/JA4 settings turn on when a
// rule inspects the fingerprint; explicit settings stay.
func TestFingerprintsAuto(t *testing.T) {
	rule := func(buf string) *ir.Rule {
		return &ir.Rule{Matchers: []ir.Matcher{&ir.Content{Buffer: ir.Buffer{Name: buf}, Pattern: []byte("x")}}}
	}
	tests := []struct {
		name     string
		ja3, ja4 flow.Toggle
		rules    []*ir.Rule
		want3    flow.Toggle
		want4    flow.Toggle
	}{
		{"no fingerprint rule", flow.Auto, flow.Auto, []*ir.Rule{rule("tls.sni")}, flow.Off, flow.Off},
		{"ja3s rule", flow.Auto, flow.Auto, []*ir.Rule{rule("tls.sni"), rule("ja3s.hash")}, flow.On, flow.Off},
		{"ja4 rule", flow.Auto, flow.Auto, []*ir.Rule{rule("ja4.hash")}, flow.Off, flow.On},
		{"explicit", flow.On, flow.Off, []*ir.Rule{rule("ja4.hash")}, flow.On, flow.Off},
	}
	for _, tc := range tests {
		fc := flow.DefaultConfig()
		fc.JA3, fc.JA4 = tc.ja3, tc.ja4
		got := fingerprints(fc, tc.rules)
		if got.JA3 != tc.want3 || got.JA4 != tc.want4 {
			t.Errorf("%s: ja3 %v ja4 %v, want %v %v", tc.name, got.JA3, got.JA4, tc.want3, tc.want4)
		}
	}
	var c flow.Config
	if err := c.Set("app-layer.protocols.tls.ja3-fingerprints", "yes"); err != nil || c.JA3 != flow.On {
		t.Errorf("set ja3-fingerprints yes: %v %v", c.JA3, err)
	}
	if err := c.Set("app-layer.protocols.tls.ja4-fingerprints", "maybe"); err == nil {
		t.Error("ja4-fingerprints maybe accepted")
	}
}

// TestAppStates: TLS progress units are on when a rule compares it.
func TestAppStates(t *testing.T) {
	sni := &ir.Rule{Matchers: []ir.Matcher{&ir.Content{Buffer: ir.Buffer{Name: "tls.sni"}, Pattern: []byte("x")}}}
	state := &ir.Rule{Matchers: []ir.Matcher{&ir.Field{Name: ir.FieldTLSClientState, Cmp: ir.Cmp{Op: "<", A: 1}}}}
	if appStates(flow.DefaultConfig(), []*ir.Rule{sni}).TLSStates {
		t.Error("TLS states on without an app-layer-state rule")
	}
	if !appStates(flow.DefaultConfig(), []*ir.Rule{sni, state}).TLSStates {
		t.Error("TLS states off with an app-layer-state rule")
	}
}
