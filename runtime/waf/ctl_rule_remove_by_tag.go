package waf

// ctl:ruleRemoveByTag takes the rules with a tag out of the rest of the
// transaction.
func init() {
	registerCtl("ruleRemoveByTag", func(w *WAF, v string) (func(*Tx), error) {
		return removeRules(w, byTag(v)), nil
	})
}
