package suricata

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// floatNum is a number as Suricata's float keywords read one: NaN and
// infinities by name, else an optional sign, digits or .digits, an
// optional fraction and an optional exponent.
const floatNum = `(?i:nan|[+-]?inf|[+-]?(?:\d+|\.\d+)(?:\.\d+)?(?:e[+-]?\d+)?)`

var (
	floatRange = regexp.MustCompile(`^(!?)(` + floatNum + `) *(?:-|<>) *(` + floatNum + `) *$`)
	floatEqual = regexp.MustCompile(`^=? *(` + floatNum + `) *$`)
	floatOp    = regexp.MustCompile(`^(>=|<=|>|<|!=|=) *(` + floatNum + `) *$`)
)

// parseFloatCmp reads Suricata's float comparisons (detect/float.rs):
// "N", "=N", "<N", "<=N", ">N", ">=N", "!=N", the open range "N-M" or
// "N<>M", and its complement "!N-M".
func parseFloatCmp(what, s string) (ir.FloatCmp, error) {
	s = strings.TrimLeft(s, " ")
	if m := floatRange.FindStringSubmatch(s); m != nil {
		a, b := parseFloat(m[2]), parseFloat(m[3])
		if !(b > a && b-a > math.SmallestNonzeroFloat64) {
			return ir.FloatCmp{}, fmt.Errorf("%s range %s is empty: %w", what, s, diag.ErrBadRange)
		}
		op := "<>"
		if m[1] == "!" {
			op = "!<>"
		}
		return ir.FloatCmp{Op: op, A: a, B: b}, nil
	}
	if m := floatEqual.FindStringSubmatch(s); m != nil {
		return ir.FloatCmp{Op: "=", A: parseFloat(m[1])}, nil
	}
	if m := floatOp.FindStringSubmatch(s); m != nil {
		return ir.FloatCmp{Op: m[1], A: parseFloat(m[2])}, nil
	}
	return ir.FloatCmp{}, badValue(what+", want a number, a comparison or a range", s)
}

// parseFloat reads a floatNum, which the syntax has checked.
func parseFloat(s string) float64 {
	switch strings.ToLower(s) {
	case "nan":
		return math.NaN()
	case "inf", "+inf":
		return math.Inf(1)
	case "-inf":
		return math.Inf(-1)
	}
	v, _ := strconv.ParseFloat(s, 64)
	return v
}
