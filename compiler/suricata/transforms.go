package suricata

import (
	"fmt"
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// Transformations rewrite the current sticky buffer before inspection.
// Those taking an argument keep it raw, quotes removed.
func init() {
	for _, name := range []string{"dotprefix", "to_lowercase", "to_uppercase", "strip_whitespace",
		"compress_whitespace", "to_md5", "to_sha1", "to_sha256", "url_decode", "header_lowercase",
		"strip_pseudo_headers", "from_base64"} {
		register(name, valueNone, func(b *builder, _ *syntax.Option) error { return transform(b, name, "") })
	}
	for _, name := range []string{"xor", "pcrexform"} {
		register(name, valueRequired, func(b *builder, o *syntax.Option) error {
			arg, err := unquote(name, o)
			if err != nil {
				return err
			}
			return transform(b, name, arg)
		})
	}
}

func transform(b *builder, name, arg string) error {
	if b.buf.Name == ir.BufPayload {
		return fmt.Errorf("%s needs a sticky buffer before it: %w", name, diag.ErrMissing)
	}
	b.buf.Transforms = append(slices.Clip(b.buf.Transforms), ir.Transform{Name: name, Arg: arg})
	for _, m := range b.rule.Matchers[b.bufStart:] {
		if bm, ok := m.(ir.Buffered); ok && bm.Buf().Name == b.buf.Name {
			bm.SetBuf(b.buf)
		}
	}
	return nil
}
