package waf

// ctl:ruleRemoveTargetByMsg=SELECTOR;VARIABLES takes variables out of the
// lists of the rules with the message given.
func init() { registerCtl("ruleRemoveTargetByMsg", removeTargetCtl(selectorOf(byMsg))) }
