package suricata

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// validityRE is Suricata's tls_cert_notbefore/notafter syntax: [<|>]date
// or date<>date.
var validityRE = regexp.MustCompile(`^\s*(<|>)?\s*([ -:TW0-9]+[-:TW0-9]+)\s*(?:(<>)\s*([ -:TW0-9]+[-:TW0-9]+))?\s*$`)

// validityLayouts are the dates Suricata takes (ISO 8601 prefixes, UTC).
var validityLayouts = []string{"2006", "2006-01", "2006-01-02", "2006-01-02 15", "2006-01-02 15:04",
	"2006-01-02 15:04:05", "2006-01-02T15", "2006-01-02T15:04", "2006-01-02T15:04:05"}

// tls_cert_notbefore and tls_cert_notafter compare the server's leaf
// certificate's validity bounds with a date: "<" at or before it, ">" at
// or after it, a range inclusive; tls_cert_expired holds when the flow's
// time is past notAfter, tls_cert_valid when it is not.
func init() {
	for _, name := range []string{"tls_cert_notbefore", "tls_cert_notafter"} {
		register(name, valueRequired, func(b *builder, o *syntax.Option) error {
			if err := b.needApp("tls"); err != nil {
				return err
			}
			c, err := parseValidity(name, o.Value)
			if err != nil {
				return err
			}
			b.add(&ir.Field{Name: name, Cmp: c})
			return nil
		})
	}
	for _, name := range []string{"tls_cert_expired", "tls_cert_valid"} {
		register(name, valueNone, func(b *builder, _ *syntax.Option) error {
			if err := b.needApp("tls"); err != nil {
				return err
			}
			b.add(&ir.Field{Name: name, Cmp: ir.Cmp{Op: "=", A: 1}})
			return nil
		})
	}
}

func parseValidity(name, s string) (ir.Cmp, error) {
	m := validityRE.FindStringSubmatch(s)
	if m == nil {
		return ir.Cmp{}, fmt.Errorf("%s %q: %w", name, s, diag.ErrBadValue)
	}
	a, err := validityDate(name, m[2])
	if err != nil {
		return ir.Cmp{}, err
	}
	switch {
	case m[3] != "":
		if m[1] != "" {
			return ir.Cmp{}, fmt.Errorf("%s %q: a range with %s: %w", name, s, m[1], diag.ErrBadValue)
		}
		b, err := validityDate(name, m[4])
		if err != nil {
			return ir.Cmp{}, err
		}
		if b <= a {
			return ir.Cmp{}, fmt.Errorf("%s range %q is empty: %w", name, s, diag.ErrBadRange)
		}
		return ir.Cmp{Op: "<=>", A: a, B: b}, nil
	case m[1] == "<":
		return ir.Cmp{Op: "<=", A: a}, nil
	case m[1] == ">":
		return ir.Cmp{Op: ">=", A: a}, nil
	}
	return ir.Cmp{Op: "=", A: a}, nil
}

// validityDate is a date as seconds since the epoch: a number of seconds
// (not 4 digits, which is a year), else one of validityLayouts in UTC.
func validityDate(name, s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) != 4 {
		return n, nil
	}
	for _, l := range validityLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Unix(), nil
		}
	}
	return 0, fmt.Errorf("%s date %q: %w", name, s, diag.ErrBadValue)
}
