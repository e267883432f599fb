package suricata

import (
	"fmt"
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// byteExtractMaxString is the longest string byte_extract converts in each
// base without overflowing 64 bits.
var byteExtractMaxString = map[string]int{"oct": 23, "dec": 20, "hex": 14}

func init() {
	register("byte_extract", valueRequired, func(b *builder, o *syntax.Option) error {
		args := splitArgs(o.Value)
		if len(args) < 3 {
			return badValue("byte_extract, want bytes,offset,name[,options]", o.Value)
		}
		e := &ir.ByteExtract{Multiplier: 1, Name: args[2]}
		n, err := intIn("byte_extract byte count", args[0], 0, math.MaxUint8)
		if err != nil {
			return err
		}
		e.Opts.Bytes = int(n)
		off, err := intIn("byte_extract offset", args[1], -maxByteOffset, maxByteOffset)
		if err != nil {
			return err
		}
		e.Opts.Offset = ir.Num{Val: off}
		if e.Name == "" || !isLetter(e.Name[0]) || strings.ContainsAny(e.Name, " \t") {
			return badValue("byte_extract variable name, want one starting with a letter", e.Name)
		}
		if b.extracted[e.Name] {
			return fmt.Errorf("variable %q defined twice: %w", e.Name, diag.ErrConflict)
		}
		str := false
		seen := map[string]bool{}
		for _, arg := range args[3:] {
			words := strings.Fields(arg)
			if len(words) == 0 {
				return badValue("byte_extract option", arg)
			}
			key := words[0]
			if key == "big" || key == "little" || key == "dce" {
				key = "endian"
			}
			if seen[key] {
				return fmt.Errorf("%s given twice: %w", key, diag.ErrConflict)
			}
			seen[key] = true
			if err := byteExtractOption(e, words, &str); err != nil {
				return err
			}
		}
		if str {
			if e.Opts.Endian != "" {
				return fmt.Errorf("%s cannot be combined with string: %w", e.Opts.Endian, diag.ErrConflict)
			}
			if e.Opts.Base == "" {
				e.Opts.Base = "dec"
			}
			if limit := byteExtractMaxString[e.Opts.Base]; e.Opts.Bytes > limit {
				return fmt.Errorf("cannot convert more than %d bytes with string,%s: %w", limit, e.Opts.Base, diag.ErrBadRange)
			}
		} else {
			if e.Opts.Bytes > maxBinaryBytes {
				return fmt.Errorf("cannot convert more than %d bytes without string: %w", maxBinaryBytes, diag.ErrBadRange)
			}
			if e.Opts.Endian == "" {
				e.Opts.Endian = "big"
			}
		}
		if e.Opts.Endian == "dce" {
			if err := b.needApp("dcerpc"); err != nil {
				return fmt.Errorf("dce: %w", err)
			}
		}
		if b.extracted == nil {
			b.extracted = map[string]bool{}
		}
		b.extracted[e.Name] = true
		e.Buffer = byteBuf(b, e.Opts.Relative)
		b.add(e)
		return nil
	})
}

// byteExtractOption applies one option of byte_extract, given as its words;
// str records whether string was seen.
func byteExtractOption(e *ir.ByteExtract, words []string, str *bool) error {
	arg := strings.Join(words, " ")
	if len(words) == 2 {
		switch words[0] {
		case "multiplier":
			m, err := intIn("byte_extract multiplier", words[1], 1, math.MaxUint16)
			e.Multiplier = m
			return err
		case "align":
			if words[1] != "2" && words[1] != "4" {
				return badValue("byte_extract align, want 2 or 4", words[1])
			}
			e.Align = int(words[1][0] - '0')
			return nil
		case "bitmask":
			m, err := parseCNum(words[1])
			if err != nil {
				return badValue("byte_extract bitmask", words[1])
			}
			e.Opts.Bitmask = uint64(m)
			return checkRange("byte_extract bitmask", m, 1, math.MaxUint32)
		}
		return badValue("byte_extract option", arg)
	}
	if len(words) != 1 {
		return badValue("byte_extract option", arg)
	}
	switch k := words[0]; k {
	case "relative":
		e.Opts.Relative = true
	case "big", "little", "dce":
		e.Opts.Endian = k
	case "string":
		*str = true
	case "hex", "dec", "oct":
		if !*str {
			return fmt.Errorf("base %s without a preceding string: %w", k, diag.ErrConflict)
		}
		if e.Opts.Base != "" {
			return fmt.Errorf("two bases, %s and %s: %w", e.Opts.Base, k, diag.ErrConflict)
		}
		e.Opts.Base = k
	default:
		return badValue("byte_extract option", arg)
	}
	return nil
}
