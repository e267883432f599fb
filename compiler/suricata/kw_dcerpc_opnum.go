package suricata

import (
	"math"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// dcerpc.opnum (dce_opnum) holds when the request's operation number is
// one of a list of numbers and inclusive ranges ("12,24,62-64"), else
// satisfies one integer comparison (">12"), as Suricata tries them.
func init() {
	setup := func(b *builder, o *syntax.Option) error {
		const name = "dcerpc.opnum"
		if err := needDCERPC(b, name); err != nil {
			return err
		}
		if alts, ok := opnumRanges(o.Value); ok {
			b.add(&ir.DCEOpnum{Any: alts})
			return nil
		}
		c, err := parseCmp(name, o.Value, math.MaxUint16)
		if err != nil {
			return err
		}
		b.add(&ir.DCEOpnum{Any: []ir.Cmp{c}})
		return nil
	}
	register("dcerpc.opnum", valueRequired, setup)
	register("dce_opnum", valueRequired, setup)
}

// opnumRanges reads Suricata's opnum list; false when it is not one.
func opnumRanges(s string) ([]ir.Cmp, bool) {
	var alts []ir.Cmp
	for _, r := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(r, "-")
		a, err := strconv.ParseUint(lo, 10, 32)
		if err != nil {
			return nil, false
		}
		if !isRange {
			alts = append(alts, ir.Cmp{Op: "=", A: int64(a)})
			continue
		}
		z, err := strconv.ParseUint(hi, 10, 32)
		if err != nil || strings.Contains(hi, "-") || z < a {
			return nil, false
		}
		alts = append(alts, ir.Cmp{Op: "<=>", A: int64(a), B: int64(z)})
	}
	return alts, true
}
