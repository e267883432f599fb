package eve

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
)

// Options of the alert record type (suricata.yaml's types: - alert:
// metadata:), kept in Types. Suricata logs an alert's flow object, its
// app-layer objects and the rule's metadata by default; metadata: no
// turns the three off, metadata: flow:, app-layer:, rule: metadata:
// each, and rule: reference: yes adds the rule's references.
const (
	AlertNoFlow         = "alert.metadata.flow.off"
	AlertNoAppLayer     = "alert.metadata.app-layer.off"
	AlertNoRuleMetadata = "alert.metadata.rule.metadata.off"
	AlertReferences     = "alert.metadata.rule.reference"
)

// alertMetadataOptions reads the metadata option of an alert type into t.
func alertMetadataOptions(t Types, v any) {
	m, isMap := v.(map[string]any)
	if !isMap {
		if v != nil && !Yes(v) {
			t[AlertNoFlow], t[AlertNoAppLayer], t[AlertNoRuleMetadata] = true, true, true
		}
		return
	}
	off := func(key string, opts map[string]any, name string) {
		if x, set := opts[name]; set {
			t[key] = !Yes(x)
		}
	}
	off(AlertNoFlow, m, "flow")
	off(AlertNoAppLayer, m, "app-layer")
	if rule, ok := m["rule"].(map[string]any); ok {
		off(AlertNoRuleMetadata, rule, "metadata")
		t[AlertReferences] = Yes(rule["reference"])
	}
}

// MetaValues is one key of an alert's metadata object and its values.
type MetaValues struct {
	Key    string
	Values []string
}

// RuleMetadata is the alert's "metadata" object: the rule's metadata
// keyword as Suricata 8 writes it, keys sorted without regard to case
// (keys equal so are one), each with the list of its values. A key or
// value left empty is not logged.
type RuleMetadata []MetaValues

// NewRuleMetadata builds the metadata object of kvs; nil when empty.
func NewRuleMetadata(kvs []ir.KV) RuleMetadata {
	// Suricata keeps the pairs newest first, then sorts them by key
	var pairs []ir.KV
	for i := len(kvs) - 1; i >= 0; i-- {
		if kvs[i].Key != "" && kvs[i].Value != "" {
			pairs = append(pairs, kvs[i])
		}
	}
	slices.SortStableFunc(pairs, func(a, b ir.KV) int {
		return strings.Compare(strings.ToLower(a.Key), strings.ToLower(b.Key))
	})
	var out RuleMetadata
	for _, p := range pairs {
		if n := len(out); n > 0 && strings.EqualFold(out[n-1].Key, p.Key) {
			out[n-1].Values = append(out[n-1].Values, p.Value)
			continue
		}
		out = append(out, MetaValues{Key: p.Key, Values: []string{p.Value}})
	}
	return out
}

// MarshalJSON writes the object in its order.
func (m RuleMetadata) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(kv.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(kv.Values)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// References are the alert's "references": each reference's URL (its
// system's prefix and value), in rule order.
func References(refs []ir.Reference) []string {
	var out []string
	for _, r := range refs {
		if r.URL != "" {
			out = append(out, r.URL)
		}
	}
	return out
}

// WithoutAppLayer is an alert's sections without its app-layer objects
// (the alert output's metadata: app-layer: no): the frame stays.
func WithoutAppLayer(sections map[string]map[string]any) map[string]map[string]any {
	if f, ok := sections["frame"]; ok {
		return map[string]map[string]any{"frame": f}
	}
	return nil
}
