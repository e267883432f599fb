package suricata

import (
	"fmt"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// filename and fileext are Suricata's content shorthands on file.name,
// filemagic on file.magic: filename:"x" and filemagic:"x" are caseless
// contents "x", fileext:"x" a caseless content ".x" that ends the name;
// all take ! and may leave out the quotes.
// Like Suricata's setup, they leave no sticky buffer behind: a content
// after them inspects the payload.
func init() {
	register("filename", valueRequired, func(b *builder, o *syntax.Option) error {
		return fileContent(b, o, "", false)
	})
	register("fileext", valueRequired, func(b *builder, o *syntax.Option) error {
		return fileContent(b, o, ".", true)
	})
	register("filemagic", valueRequired, func(b *builder, o *syntax.Option) error {
		return fileContent(b, o, "", false)
	})
}

func fileContent(b *builder, o *syntax.Option, prefix string, endsWith bool) error {
	if len(b.buf.Transforms) > 0 {
		return fmt.Errorf("%s after a transformation: %w", o.Name, diag.ErrConflict)
	}
	v, neg := splitNegation(o.Value)
	v = trimQuotes(v)
	if v == "" {
		return badValue(o.Name, o.Value)
	}
	c, err := parseContent(`"` + prefix + v + `"`)
	if err != nil {
		return err
	}
	c.Negated, c.Nocase, c.EndsWith = neg, true, endsWith
	buf := "file.name"
	if o.Name == "filemagic" {
		buf = "file.magic"
	}
	b.addShorthand(c, buf)
	return nil
}
