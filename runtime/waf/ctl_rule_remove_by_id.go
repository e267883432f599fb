package waf

// ctl:ruleRemoveById takes a rule, or a range "a-b" of rules, out of the
// rest of the transaction.
func init() {
	registerCtl("ruleRemoveById", func(w *WAF, v string) (func(*Tx), error) {
		sel, err := idSelector(v)
		if err != nil {
			return nil, err
		}
		return removeRules(w, sel), nil
	})
}
