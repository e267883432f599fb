package waf

// ctl:ruleRemoveTargetById=SELECTOR;VARIABLES takes variables out of the
// lists of the rule, or range a-b of rules, named.
func init() { registerCtl("ruleRemoveTargetById", removeTargetCtl(idSelector)) }
