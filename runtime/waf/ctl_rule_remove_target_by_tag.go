package waf

// ctl:ruleRemoveTargetByTag=SELECTOR;VARIABLES takes variables out of the
// lists of the rules with the tag given.
func init() { registerCtl("ruleRemoveTargetByTag", removeTargetCtl(selectorOf(byTag))) }
