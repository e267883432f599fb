package waf

import (
	"fmt"
	"strings"
)

// ctl:ruleEngine sets the engine mode for the rest of the transaction.
func init() {
	registerCtl("ruleEngine", func(_ *WAF, v string) (func(*Tx), error) {
		var m Mode
		switch strings.ToLower(v) {
		case "on":
			m = On
		case "off":
			m = Off
		case "detectiononly":
			m = DetectionOnly
		default:
			return nil, fmt.Errorf("want On, Off or DetectionOnly: %w", ErrUnsupported)
		}
		return func(tx *Tx) { tx.mode = m }, nil
	})
}
