package suricata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// app-layer-protocol:[!]<proto>[,<mode>] matches packets by the
// protocol the flow's detection found, as Suricata 8 does: a rule
// already on an app-layer protocol takes none, "unknown" cannot be
// negated, and two in one rule under one mode must both be negated and
// name different protocols.
func init() {
	register("app-layer-protocol", valueRequired, func(b *builder, o *syntax.Option) error {
		v, err := unquote("app-layer-protocol", o)
		if err != nil {
			return err
		}
		if b.rule.Header.Proto.App != "" || b.app != "" {
			return fmt.Errorf("app-layer-protocol in a rule already on an app-layer protocol: %w", diag.ErrConflict)
		}
		m := &ir.AppProto{Mode: "direction"}
		v = strings.TrimSpace(v)
		if rest, ok := strings.CutPrefix(v, "!"); ok {
			m.Negated, v = true, strings.TrimSpace(rest)
		}
		name, mode, hasMode := strings.Cut(v, ",")
		m.Proto = strings.TrimSpace(name)
		if !slices.Contains(ir.AppProtoNames, m.Proto) {
			return badValue("protocol", m.Proto)
		}
		if m.Proto == "unknown" && m.Negated {
			return fmt.Errorf("unknown cannot be negated: %w", diag.ErrBadValue)
		}
		if hasMode {
			m.Mode = strings.TrimSpace(mode)
			if !slices.Contains(ir.AppProtoModes, m.Mode) {
				return badValue("mode, want direction, to_server, to_client, either, final or original", m.Mode)
			}
		}
		for _, prev := range b.rule.Matchers {
			if p, ok := prev.(*ir.AppProto); ok && appProtoConflict(p, m) {
				return fmt.Errorf("app-layer-protocol %s after %s under mode %s: %w", v, p.Proto, m.Mode, diag.ErrConflict)
			}
		}
		b.add(m)
		return nil
	})
	finishers = append(finishers, markPDOnly)
}

// appProtoConflict is Suricata's test of two app-layer-protocol options
// in one rule: under one mode, a positive one with any other, or the
// same protocol twice.
func appProtoConflict(a, b *ir.AppProto) bool {
	if a.Mode != b.Mode {
		return false
	}
	return a.Negated != b.Negated || !b.Negated || a.Proto == b.Proto
}

// markPDOnly marks the app-layer-protocol tests of a rule that tests
// nothing else (Suricata's protocol-detection-only signature): no
// app-layer protocol, no buffer, flow only for a direction, flowbits
// only set.
func markPDOnly(b *builder) error {
	r := b.rule
	var tests []*ir.AppProto
	for _, m := range r.Matchers {
		p, ok := m.(*ir.AppProto)
		if !ok {
			return nil
		}
		tests = append(tests, p)
	}
	f := r.Flow
	f.ToServer, f.ToClient = false, false
	if len(tests) == 0 || r.Header.Proto.App != "" || f != (ir.Flow{}) {
		return nil
	}
	for _, bit := range r.Bits {
		if bit.Kind != "flowbits" || bit.Cmd != "set" {
			return nil
		}
	}
	for _, p := range tests {
		p.PDOnly = true
	}
	return nil
}
