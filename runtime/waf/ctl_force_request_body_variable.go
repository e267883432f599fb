package waf

// ctl:forceRequestBodyVariable fills REQUEST_BODY whatever the body
// processor.
func init() {
	registerCtl("forceRequestBodyVariable", func(_ *WAF, v string) (func(*Tx), error) {
		on, err := onOff(v)
		return func(tx *Tx) { tx.forceReqBodyVar = on }, err
	})
}
