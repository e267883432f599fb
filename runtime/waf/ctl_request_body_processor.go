package waf

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/runtime/waf/bodyproc"
)

// ctl:requestBodyProcessor picks the body processor (REQBODY_PROCESSOR).
func init() {
	registerCtl("requestBodyProcessor", func(_ *WAF, v string) (func(*Tx), error) {
		name := strings.ToUpper(v)
		if _, ok := bodyproc.Lookup(name); !ok {
			return nil, fmt.Errorf("body processor %q: %w", v, ErrUnsupported)
		}
		return func(tx *Tx) { tx.reqBodyProcessor = name }, nil
	})
}
