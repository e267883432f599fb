// Package waf runs compiled SecLang rules (ir.Rule with Sec set) on HTTP
// transactions with ModSecurity's semantics, well enough to pass the OWASP
// CRS regression tests.
//
// # Model
//
// New compiles the rules once: targets into variable lists, the
// transformation chains into a trie (runtime/waf/transform), operators
// with their regular expressions and automata (runtime/waf/operator),
// %{macros} into templates, ctl options into closures, and skipAfter into
// positions. A WAF hands out pooled transactions (Tx).
//
// A transaction runs the rules of each phase in file order. A chain
// matches when every part does: a part tests each item of its variable
// list, after its transformations, and on every matching item sets
// MATCHED_VAR, MATCHED_VAR_NAME and MATCHED_VARS, the captures TX:0..9,
// and runs the part's setvar and ctl actions (ModSecurity runs
// non-disruptive actions per match, whether or not the rest of the chain
// matches). When the chain matches, the rule is recorded (MatchedRules,
// with msg and logdata expanded), HIGHEST_SEVERITY updated, skipAfter or
// skip followed, and in On mode its disruptive action taken.
//
// Disruptive actions arrive mapped by the compiler (see compiler/seclang)
// and act in On mode only: ir.ActDrop (deny, drop, redirect) interrupts
// with the rule's status or 403; ir.ActPass (allow) ends the request and
// response phases; the rest only log. The redirect URL and allow's scope
// are not in the IR: both act as their strongest form. DetectionOnly
// records matches and never interrupts.
//
// SecMarker names a position before the next rule; a skipAfter resumes at
// that position within the rule's phase, as ModSecurity places a marker in
// every phase.
//
// # Variables
//
// Collection keys match without regard to case; /regex/ keys too. !VAR
// removes items from the part's list; &VAR counts. ARGS is ARGS_GET then
// ARGS_POST. REQUEST_URI has no scheme and host and is raw, as is
// QUERY_STRING; REQUEST_FILENAME is the path %-decoded, as the web server
// hands it over. REQUEST_BODY is set for URLENCODED
// bodies and under ctl:forceRequestBodyVariable. JSON bodies give
// ARGS_POST named json.a.b (array elements json.a.0, and json.a holding
// the array's length, as Coraza names them); XML bodies give XML:/* (text
// nodes) and XML://@* (attribute values), the only XPath expressions
// supported. IP, GLOBAL, SESSION, USER and RESOURCE live for one
// transaction only (initcol changes nothing); ENV, GEO and the temporary
// file variables stay empty; @rbl never matches.
//
// # Speed
//
// Transformed values are cached per transaction by (value, chain node), so
// rules sharing a chain or a prefix transform each value once. Each chain
// node with @rx parts has an Aho-Corasick automaton of the literals their
// patterns require (runtime/waf/prefilter): one pass over a transformed
// value tells which of those regular expressions cannot match it, and they
// are not run.
package waf
