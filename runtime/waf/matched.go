package waf

// MatchedRule is one rule that matched, with its message and data
// expanded when it matched.
type MatchedRule struct {
	ID       uint64
	Phase    int
	Msg      string
	Data     string
	Severity string // as written (CRITICAL, WARNING, ...); "" when unset
	Tags     []string
	// Log is false for nolog rules: ModSecurity writes no log line for
	// them.
	Log bool
	// MatchedVar and MatchedVarName are the last value matched.
	MatchedVar, MatchedVarName string
}

// Interruption is what a disruptive rule asks for in On mode.
type Interruption struct {
	RuleID uint64
	Action string // "deny": deny, drop and redirect all arrive as ir.ActDrop
	Status int
}
