package waf

// ctl:requestBodyAccess turns request body inspection on or off.
func init() {
	registerCtl("requestBodyAccess", func(_ *WAF, v string) (func(*Tx), error) {
		on, err := onOff(v)
		return func(tx *Tx) { tx.reqBodyAccess = on }, err
	})
}
