package ir

import "github.com/rulec/rulec/diag"

// Lang names the language a rule was written in.
type Lang string

const (
	Suricata Lang = "suricata"
	SecLang  Lang = "seclang"
)

// Action is what a matching rule does. Suricata actions keep their names;
// SecLang's disruptive actions map onto the same set.
type Action string

const (
	ActAlert      Action = "alert"
	ActPass       Action = "pass"
	ActDrop       Action = "drop"
	ActReject     Action = "reject"
	ActRejectSrc  Action = "rejectsrc"
	ActRejectDst  Action = "rejectdst"
	ActRejectBoth Action = "rejectboth"
	// ActConfig never alerts nor decides a packet: the rule only applies
	// its config keyword.
	ActConfig Action = "config"
)

// Rule is one compiled rule.
type Rule struct {
	Lang     Lang
	Pos      diag.Pos
	Disabled bool
	Action   Action
	Meta     Meta
	Header   Header
	Flow     Flow
	Matchers []Matcher
	Bits     []Bit
	Limits   []Threshold
	Suppress []Suppress
	NoAlert  bool
	// EachDir: the rule's keywords all exist in both directions (such as
	// ssl_version or http.header), so a transaction matches it once in
	// each direction, as Suricata inspects each direction of a
	// transaction on its own; any other rule matches a transaction once.
	EachDir bool
	// PassAlert is the alert keyword: a pass rule alerts too, then passes.
	PassAlert bool
	// Bypass is the bypass keyword: a match bypasses the flow (nothing of
	// it is inspected after).
	Bypass bool
	// StateHook: app-layer-state without an operator hooks the rule to a
	// progress state (its state Field compares ">=" it): the rule matches
	// on every inspection of the transaction at that state, and once
	// past it (Suricata keeps no state for a hook's match).
	StateHook bool
	// Config are the config keywords: what a match configures.
	Config []Config
	Target string // "src" or "dest": which side is the target, when stated
	Tag    *Tag
	Sec    *SecRule // SecLang-specific parts; nil for Suricata
}

// Meta is a rule's descriptive data.
type Meta struct {
	GID, SID, Rev uint64
	Msg           string
	Classtype     string
	Category      string // the classtype's description, as EVE reports it
	Priority      int    // 1 (highest) .. 255; from priority or the classtype
	References    []Reference
	Metadata      []KV
}

// Reference is one "reference:kind,value"; URL is the system's prefix
// from reference.config followed by the value, when the system is known.
type Reference struct{ Kind, Value, URL string }

// KV is one metadata key and value, in rule order.
type KV struct{ Key, Value string }

// Tag is Suricata's tag keyword: keep logging packets after a match.
type Tag struct {
	Scope     string // "session" or "host"
	Count     int
	Metric    string // "packets", "seconds" or "bytes"
	Direction string // "src" or "dst" for host tags
}
