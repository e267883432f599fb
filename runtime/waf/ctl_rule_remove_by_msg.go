package waf

// ctl:ruleRemoveByMsg takes the rules with a message out of the rest of the
// transaction.
func init() {
	registerCtl("ruleRemoveByMsg", func(w *WAF, v string) (func(*Tx), error) {
		return removeRules(w, byMsg(v)), nil
	})
}
