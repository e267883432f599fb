package suricata

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// Transformations rewrite the current sticky buffer before inspection. As
// in Suricata 8, a transformation after matches in the buffer starts a new
// instance of it: the matches before keep inspecting the buffer as it was,
// later ones (relative ones included) see the transformed one.
// Those taking an argument keep it raw, quotes removed.
func init() {
	for _, name := range []string{"dotprefix", "to_lowercase", "to_uppercase", "strip_whitespace",
		"compress_whitespace", "to_md5", "to_sha1", "to_sha256", "url_decode", "header_lowercase",
		"strip_pseudo_headers", "domain", "tld"} {
		register(name, valueNone, func(b *builder, _ *syntax.Option) error { return transform(b, name, "") })
	}
	for name, check := range map[string]func(string) error{"from_base64": checkFromBase64, "zlib_deflate": checkZlibDeflate, "gunzip": checkGunzip} {
		register(name, valueOptional, func(b *builder, o *syntax.Option) error {
			arg := strings.TrimSpace(o.Value)
			if err := check(arg); err != nil {
				return err
			}
			return transform(b, name, arg)
		})
	}
	register("xor", valueRequired, func(b *builder, o *syntax.Option) error {
		arg, err := unquote("xor", o)
		if err != nil {
			return err
		}
		return transform(b, "xor", arg)
	})
	register("pcrexform", valueRequired, func(b *builder, o *syntax.Option) error {
		// the regular expression as written, its escapes kept (\?), as
		// Suricata hands it to PCRE
		v := o.Value
		if syntax.IsQuoted(v) {
			v = v[1 : len(v)-1]
		}
		return transform(b, "pcrexform", v)
	})
}

func transform(b *builder, name, arg string) error {
	if b.buf.Name == ir.BufPayload {
		return fmt.Errorf("%s needs a sticky buffer before it: %w", name, diag.ErrMissing)
	}
	if len(b.rule.Matchers) > b.bufStart {
		b.bufStart = len(b.rule.Matchers)
		b.content, b.last = nil, nil
	}
	b.buf.Transforms = append(slices.Clip(b.buf.Transforms), ir.Transform{Name: name, Arg: arg})
	return nil
}

// transformOptions checks "key value" options separated by commas against
// the allowed keys and their value checks.
func transformOptions(name, arg string, allowed map[string]func(string) bool) error {
	if arg == "" {
		return nil
	}
	seen := map[string]bool{}
	for _, item := range splitArgs(arg) {
		key, val, _ := strings.Cut(item, " ")
		val = strings.TrimSpace(val)
		ok, known := allowed[key]
		if !known || seen[key] || !ok(val) {
			return badValue(name+" option", item)
		}
		seen[key] = true
	}
	return nil
}

func isUint(s string) bool {
	_, err := intIn("", s, 0, math.MaxUint32)
	return err == nil
}

func checkFromBase64(arg string) error {
	return transformOptions("from_base64", arg, map[string]func(string) bool{
		"bytes": isUint, "offset": isUint,
		"mode": func(v string) bool { return v == "rfc4648" || v == "rfc2045" || v == "strict" },
	})
}

func checkGunzip(arg string) error {
	return transformOptions("gunzip", arg, map[string]func(string) bool{"max-size": isUint})
}

func checkZlibDeflate(arg string) error {
	return transformOptions("zlib_deflate", arg, map[string]func(string) bool{"max-size": isUint})
}
