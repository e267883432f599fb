package suricata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// splitArgs splits a comma-separated value and trims each part.
func splitArgs(v string) []string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

func parseInt(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		u, err := strconv.ParseUint(s[2:], 16, 64)
		return int64(u), err
	}
	return strconv.ParseInt(s, 10, 64)
}

func badValue(what, v string) error {
	return fmt.Errorf("bad %s %q: %w", what, v, diag.ErrBadValue)
}

// intIn parses an integer and checks it lies in [lo, hi].
func intIn(what, s string, lo, hi int64) (int64, error) {
	n, err := parseInt(s)
	if err != nil {
		return 0, badValue(what, s)
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("%s %d out of range [%d, %d]: %w", what, n, lo, hi, diag.ErrBadRange)
	}
	return n, nil
}

// parseCmp reads Suricata's integer comparisons: "N", "!N", "<N", ">N",
// "<=N", ">=N", "=N", "N<>M" and "N-M" (both exclusive ranges).
func parseCmp(what, s string, max int64) (ir.Cmp, error) {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"<>", "-"} {
		if a, bs, ok := strings.Cut(s, sep); ok && a != "" {
			lo, err1 := intIn(what, a, 0, max)
			hi, err2 := intIn(what, bs, 0, max)
			if err1 != nil || err2 != nil {
				return ir.Cmp{}, badValue(what, s)
			}
			if lo >= hi {
				return ir.Cmp{}, fmt.Errorf("%s range %s is empty: %w", what, s, diag.ErrBadRange)
			}
			return ir.Cmp{Op: "<>", A: lo, B: hi}, nil
		}
	}
	op := "="
	for _, p := range []string{"<=", ">=", "!=", "!", "<", ">", "="} {
		if strings.HasPrefix(s, p) {
			op, s = p, strings.TrimSpace(s[len(p):])
			break
		}
	}
	if op == "!" {
		op = "!="
	}
	n, err := intIn(what, s, 0, max)
	if err != nil {
		return ir.Cmp{}, err
	}
	if (op == "<" && n == 0) || (op == ">" && n == max) {
		return ir.Cmp{}, fmt.Errorf("%s %s%d can never match: %w", what, op, n, diag.ErrBadRange)
	}
	return ir.Cmp{Op: op, A: n}, nil
}

// unquote strips quotes and escapes, reporting a bad value on failure.
func unquote(what string, o *syntax.Option) (string, error) {
	s, err := syntax.Unquote(o.Value)
	if err != nil {
		return "", fmt.Errorf("%s: %v: %w", what, err, diag.ErrBadValue)
	}
	return s, nil
}
