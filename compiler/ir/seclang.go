package ir

import "github.com/rulec/rulec/diag"

// SecRule is what a SecLang rule adds to Rule: the phase it runs in, the
// markers placed just before it, and its chain parts in order. Values are
// kept raw: %{macros} are validated but not expanded.
type SecRule struct {
	Phase   int      // 1 (request headers) .. 5 (logging)
	Markers []string // SecMarker names that resolve to this rule
	Parts   []SecPart
}

// SecPart is one SecRule of a chain, or the whole of a SecAction (which has
// no targets and the unconditionalMatch operator).
type SecPart struct {
	Pos        diag.Pos
	Targets    []SecTarget
	Operator   SecOperator
	Transforms []string
	Actions    SecActions
}

// SecTarget is one item of a variable list. Key is empty for the whole
// collection; KeyRegex says Key is a regular expression.
type SecTarget struct {
	Collection string
	Key        string
	KeyRegex   bool
	Exclude    bool // !VAR: remove from the list
	Count      bool // &VAR: the number of items
}

// SecOperator is a part's test. Phrases holds the phrases of pm and
// pmFromFile (files read) and the addresses of ipMatch(FromFile); Ranges
// holds the inclusive byte ranges of validateByteRange.
type SecOperator struct {
	Name    string
	Arg     string
	Negated bool
	Phrases []string
	Ranges  [][2]byte
}

// SecActions are the per-part actions that matter when the part runs.
type SecActions struct {
	SetVars    []SecSetVar
	Ctl        []KV // ctl option and value
	InitCol    []KV // initcol collection and key
	Capture    bool
	MultiMatch bool
	Chain      bool
	SkipAfter  string
	Skip       int
	LogData    string
	Log        *bool // log / nolog; nil when unstated
	AuditLog   *bool // auditlog / noauditlog; nil when unstated
	Status     int
}

// SecSetVar is one setvar: [!]collection.name[=[+|-]value].
type SecSetVar struct {
	Remove     bool
	Collection string
	Name       string
	Op         byte // 0, '=', '+' or '-'
	Value      string
}
