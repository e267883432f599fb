package seclang

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func init() {
	registerOp("ipMatch", func(o *ir.SecOperator, _ string) error {
		return addresses(o, strings.Split(o.Arg, ","))
	})
}

// addresses checks that every item is an IP address or CIDR prefix and
// keeps them in Phrases.
func addresses(o *ir.SecOperator, items []string) error {
	o.Phrases = o.Phrases[:0]
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		if _, err := netip.ParsePrefix(it); err != nil {
			if _, err := netip.ParseAddr(it); err != nil {
				return fmt.Errorf("%q is not an address or prefix: %w", it, diag.ErrBadValue)
			}
		}
		o.Phrases = append(o.Phrases, it)
	}
	if len(o.Phrases) == 0 {
		return fmt.Errorf("no addresses: %w", diag.ErrMissing)
	}
	return nil
}
