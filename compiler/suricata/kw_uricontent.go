package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("uricontent", valueRequired, func(b *builder, o *syntax.Option) error {
		c, err := parseContent(o.Value)
		if err != nil {
			return err
		}
		if err := b.needApp("http"); err != nil {
			return err
		}
		c.Buffer.Name = "http.uri"
		b.add(c)
		return nil
	})
}
