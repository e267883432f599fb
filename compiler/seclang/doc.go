// Package seclang lowers ModSecurity SecLang directives, as parsed by
// grammar/seclang, into rulec's IR.
//
// Every SecRule chain and every SecAction becomes one ir.Rule with Lang
// ir.SecLang, an any/any tcp header with App "http", and its SecLang
// specifics in Rule.Sec. Operators, transformations, actions, variables and
// configuration directives come from registries; anything unknown is a
// positioned "unsupported" diagnostic, a malformed value a "bad value" one.
// Names are matched without regard to case, as ModSecurity does.
//
// Disruptive actions map onto ir.Action as follows:
//
//	deny, drop, redirect  ActDrop  (the transaction is stopped)
//	allow                 ActPass  (later rules are skipped)
//	pass, none written    ActAlert (logged, evaluation goes on)
//	block                 the disruptive action of SecDefaultAction for the
//	                      rule's phase (ModSecurity's default: pass)
//
// severity sets Meta.Priority: EMERGENCY, ALERT and CRITICAL (0-2) give 1,
// ERROR (3) gives 2, WARNING (4) gives 3, NOTICE, INFO and DEBUG (5-7) give
// 4; a rule without severity keeps priority 0 (unset). tag and ver become
// Meta.Metadata entries with keys "tag" and "ver".
//
// Directives are applied in order, across files: SecDefaultAction sets the
// inherited actions of a phase; SecRuleRemoveBy*, SecRuleUpdateTargetBy*
// and SecRuleUpdateActionById edit the rules defined before them; SecMarker
// names the position before the next rule (Sec.Markers of that rule).
// Engine settings (SecRuleEngine, SecRequestBodyLimit, ...) are recorded in
// Config.
package seclang
