package suricata

import (
	"regexp"
	"slices"
	"strconv"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// flowintSyntax is Suricata's: a name starting with a letter, an operator
// ("notset" is "isnotset"), and an operand, a number up to 2^32-1 or the
// name of another flowint, except for isset and isnotset.
var flowintSyntax = regexp.MustCompile(`^\s*([a-zA-Z][\w./]+)\s*,\s*(==|!=|<=|>=|[<>=+-]|isset|notset|isnotset)\s*,?\s*([a-zA-Z]\w+|\d{1,10})?\s*$`)

func init() {
	register("flowint", valueRequired, func(b *builder, o *syntax.Option) error {
		m := flowintSyntax.FindStringSubmatch(o.Value)
		if m == nil {
			return badValue("flowint, want name,operator[,value]", o.Value)
		}
		bit := ir.Bit{Kind: "flowint", Cmd: m[2], Names: []string{m[1]}}
		if bit.Cmd == "notset" {
			bit.Cmd = "isnotset"
		}
		if !slices.Contains(ir.FlowintOps, bit.Cmd) {
			return badValue("flowint operator", m[2])
		}
		operand := m[3]
		switch {
		case bit.Cmd == "isset" || bit.Cmd == "isnotset":
		case operand == "":
			return badValue("flowint "+bit.Cmd+" without a value", o.Value)
		case operand[0] >= '0' && operand[0] <= '9':
			n, err := strconv.ParseUint(operand, 10, 32)
			if err != nil {
				return badValue("flowint value, want 0..4294967295", operand)
			}
			bit.Value = uint32(n)
		default:
			bit.Var = operand
		}
		b.rule.Bits = append(b.rule.Bits, bit)
		return nil
	})
}
