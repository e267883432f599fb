package suricata

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// Suricata's limits on the number of bytes a byte keyword converts.
const (
	maxBinaryBytes = 8
	maxStringBytes = 23
	maxByteOffset  = 65535
)

// parseCNum reads an integer as strtoll with base 0 does: an optional
// sign, then 0x for hex, a leading 0 for octal, decimal otherwise.
func parseCNum(s string) (int64, error) {
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, rest
	}
	base := 10
	switch {
	case len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X"):
		base, s = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, s = 8, s[1:]
	}
	u, err := strconv.ParseUint(s, base, 63)
	if err != nil {
		return 0, err
	}
	if neg {
		return -int64(u), nil
	}
	return int64(u), nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func checkRange(what string, n, lo, hi int64) error {
	if n < lo || n > hi {
		return fmt.Errorf("%s %d out of range [%d, %d]: %w", what, n, lo, hi, diag.ErrBadRange)
	}
	return nil
}

// byteNum reads an operand of a byte keyword: a byte_extract variable
// (anything starting with a letter) or an integer in C notation.
func byteNum(b *builder, what, s string, lo, hi int64) (ir.Num, error) {
	if s != "" && isLetter(s[0]) {
		n, err := b.num(s)
		if err != nil {
			return n, fmt.Errorf("%s: %w", what, err)
		}
		return n, nil
	}
	n, err := parseCNum(s)
	if err != nil {
		return ir.Num{}, badValue(what, s)
	}
	return ir.Num{Val: n}, checkRange(what, n, lo, hi)
}

// byteCount reads the number of bytes a byte keyword converts; a
// byte_extract variable name is returned as the second result.
func byteCount(b *builder, kw, s string) (int, string, error) {
	if s != "" && isLetter(s[0]) {
		n, err := b.num(s)
		return 0, n.Var, err
	}
	n, err := intIn(kw+" byte count", s, 0, math.MaxUint32)
	return int(n), "", err
}

// byteBuf returns the buffer a byte keyword inspects: the sticky buffer or,
// for a relative keyword outside one, the buffer of the previous match, as
// when that content was moved by a legacy modifier such as http_uri.
func byteBuf(b *builder, relative bool) ir.Buffer {
	if !relative || b.buf.Name != ir.BufPayload {
		return b.buf
	}
	for i := len(b.rule.Matchers) - 1; i >= b.bufStart; i-- {
		switch m := b.rule.Matchers[i].(type) {
		case *ir.Content, *ir.PCRE, *ir.IsDataAt, *ir.ByteTest, *ir.ByteJump, *ir.ByteExtract:
			return m.Buf()
		}
	}
	return b.buf
}

// byteArgs collects the options byte_test and byte_jump share; Suricata
// takes them in any order.
type byteArgs struct {
	kw     string
	opts   ir.ByteOpts
	str    bool
	dce    bool
	endian string
	base   string
}

// option applies one shared option given as its words, reporting false
// for one it does not know.
func (a *byteArgs) option(words []string) (bool, error) {
	key := strings.ToLower(words[0])
	if key == "bitmask" {
		if len(words) != 2 {
			return true, badValue(a.kw+" bitmask, want bitmask N", strings.Join(words, " "))
		}
		m, err := parseCNum(words[1])
		if err != nil {
			return true, badValue(a.kw+" bitmask", words[1])
		}
		a.opts.Bitmask = uint64(m)
		return true, checkRange(a.kw+" bitmask", m, 1, math.MaxUint32)
	}
	if len(words) != 1 {
		return false, nil
	}
	switch key {
	case "relative":
		if words[0] != "relative" {
			return false, nil
		}
		a.opts.Relative = true
	case "string":
		a.str = true
	case "big", "little":
		a.endian = key
	case "dce":
		a.dce = true
	case "hex", "dec", "oct":
		if a.base != "" && a.base != key {
			return true, fmt.Errorf("two bases, %s and %s: %w", a.base, key, diag.ErrConflict)
		}
		a.base = key
	default:
		return false, nil
	}
	return true, nil
}

// finish checks the combination and fills the byte count, offset, endian
// and base.
func (a *byteArgs) finish(b *builder, count, offset string) (ir.ByteOpts, error) {
	n, nvar, err := byteCount(b, a.kw, count)
	if err != nil {
		return a.opts, err
	}
	a.opts.BytesVar = nvar
	switch {
	case a.str && n > maxStringBytes:
		return a.opts, fmt.Errorf("cannot convert more than %d bytes with string: %w", maxStringBytes, diag.ErrBadRange)
	case !a.str && n > maxBinaryBytes:
		return a.opts, fmt.Errorf("cannot convert more than %d bytes without string: %w", maxBinaryBytes, diag.ErrBadRange)
	case !a.str && a.base != "":
		return a.opts, fmt.Errorf("base %s without string: %w", a.base, diag.ErrConflict)
	case a.dce && (a.str || a.endian != ""):
		return a.opts, fmt.Errorf("dce cannot be combined with string, big or little: %w", diag.ErrConflict)
	}
	a.opts.Bytes = n
	if a.opts.Offset, err = byteNum(b, a.kw+" offset", offset, -maxByteOffset, maxByteOffset); err != nil {
		return a.opts, err
	}
	switch {
	case a.dce:
		if err := b.needApp("dcerpc"); err != nil {
			return a.opts, fmt.Errorf("dce: %w", err)
		}
		a.opts.Endian = "dce"
	case a.str:
		a.opts.Base = a.base
		if a.base == "" {
			a.opts.Base = "dec"
		}
	case a.endian != "":
		a.opts.Endian = a.endian
	default:
		a.opts.Endian = "big"
	}
	return a.opts, nil
}

// parse applies the options after the fixed arguments; extra, when not
// nil, handles the keyword's own options first.
func (a *byteArgs) parse(args []string, extra func(words []string) (bool, error)) error {
	for _, arg := range args {
		words := strings.Fields(arg)
		if len(words) == 0 {
			return badValue(a.kw+" option", arg)
		}
		ok := false
		var err error
		if extra != nil {
			ok, err = extra(words)
		}
		if !ok && err == nil {
			ok, err = a.option(words)
		}
		if err != nil {
			return err
		}
		if !ok {
			return badValue(a.kw+" option", arg)
		}
	}
	return nil
}
