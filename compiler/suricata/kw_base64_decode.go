package suricata

import (
	"math"
	"regexp"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

var base64DecodeArgs = regexp.MustCompile(`^(?:bytes\s+(\d+)\s*,?\s*)?(?:offset\s+(\d+)\s*,?\s*)?(relative)?$`)

func init() {
	register("base64_decode", valueOptional, func(b *builder, o *syntax.Option) error {
		parts := base64DecodeArgs.FindStringSubmatch(o.Value)
		if parts == nil {
			return badValue("base64_decode, want [bytes N][, offset N][, relative]", o.Value)
		}
		num := func(what, s string) (int, error) {
			if s == "" {
				return 0, nil
			}
			n, err := intIn("base64_decode "+what, s, 0, math.MaxUint32)
			return int(n), err
		}
		d := &ir.Base64Decode{Relative: parts[3] != ""}
		var err error
		if d.Bytes, err = num("bytes", parts[1]); err != nil {
			return err
		}
		if d.Offset, err = num("offset", parts[2]); err != nil {
			return err
		}
		d.Buffer = byteBuf(b, true)
		b.add(d)
		return nil
	})
}
