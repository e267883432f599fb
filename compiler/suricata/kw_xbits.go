package suricata

import (
	"fmt"
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// xbitsDefaultExpire is the lifetime in seconds Suricata gives an xbit
// when the rule states none.
const xbitsDefaultExpire = 30

func init() {
	register("xbits", valueRequired, func(b *builder, o *syntax.Option) error {
		args := splitArgs(o.Value)
		if len(args) < 3 || len(args) > 4 {
			return badValue("xbits, want cmd,name,track T[,expire N]", o.Value)
		}
		bit := ir.Bit{Kind: "xbits", Cmd: args[0], Expire: xbitsDefaultExpire}
		switch bit.Cmd {
		case "set", "unset", "toggle", "isset", "isnotset":
		default:
			return badValue("xbits command", bit.Cmd)
		}
		name := args[1]
		if name == "" || strings.ContainsAny(name, " \t") {
			return badValue("xbits name", name)
		}
		bit.Names = []string{name}
		track := strings.Fields(args[2])
		if len(track) != 2 || track[0] != "track" {
			return badValue("xbits track, want track ip_src|ip_dst|ip_pair|tx", args[2])
		}
		switch bit.Track = track[1]; bit.Track {
		case "ip_src", "ip_dst", "ip_pair":
		case "tx":
			return fmt.Errorf("xbits tracked by tx %w", diag.ErrUnsupported)
		default:
			return badValue("xbits track", bit.Track)
		}
		if len(args) == 4 {
			expire := strings.Fields(args[3])
			if len(expire) != 2 || expire[0] != "expire" {
				return badValue("xbits expire, want expire N", args[3])
			}
			n, err := intIn("xbits expire", expire[1], 1, math.MaxUint32)
			if err != nil {
				return err
			}
			bit.Expire = int(n)
		}
		b.rule.Bits = append(b.rule.Bits, bit)
		return nil
	})
}
