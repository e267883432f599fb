package seclang

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func init() { registerOp("validateByteRange", byteRanges) }

// byteRanges parses "n" and "a-b" items separated by commas, 0..255.
func byteRanges(o *ir.SecOperator, _ string) error {
	o.Ranges = o.Ranges[:0]
	for _, it := range strings.Split(o.Arg, ",") {
		it = strings.TrimSpace(it)
		lo, hi, isRange := strings.Cut(it, "-")
		if !isRange {
			hi = lo
		}
		a, errA := strconv.ParseUint(strings.TrimSpace(lo), 10, 8)
		b, errB := strconv.ParseUint(strings.TrimSpace(hi), 10, 8)
		if errA != nil || errB != nil || a > b {
			return fmt.Errorf("byte range %q: %w", it, diag.ErrBadValue)
		}
		o.Ranges = append(o.Ranges, [2]byte{byte(a), byte(b)})
	}
	return nil
}
