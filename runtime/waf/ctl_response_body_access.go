package waf

// ctl:responseBodyAccess turns response body inspection on or off.
func init() {
	registerCtl("responseBodyAccess", func(_ *WAF, v string) (func(*Tx), error) {
		on, err := onOff(v)
		return func(tx *Tx) { tx.respAccess = on }, err
	})
}
