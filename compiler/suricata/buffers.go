package suricata

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// bufferDef describes one inspection buffer: its sticky keyword, legacy
// sticky spellings, and the legacy content modifier that moves the previous
// content into it.
type bufferDef struct {
	name     string
	app      string
	aliases  []string
	modifier string
}

func registerBuffers(app string, defs []bufferDef) {
	for _, d := range defs {
		if d.app == "" {
			d.app = app
		}
		sticky := func(b *builder, o *syntax.Option) error {
			dir, err := bufferDirection(d.name, o.Value)
			if err != nil {
				return err
			}
			return b.setBufferDir(d.name, d.app, dir)
		}
		register(d.name, valueOptional, sticky)
		for _, a := range d.aliases {
			register(a, valueNone, sticky)
		}
		if d.modifier != "" {
			register(d.modifier, valueNone, func(b *builder, _ *syntax.Option) error {
				return moveContent(b, d.modifier, d.name, d.app)
			})
		}
	}
}

// moveContent implements a legacy content modifier such as http_uri.
func moveContent(b *builder, modifier, buffer, app string) error {
	c, err := b.lastContent(modifier)
	if err != nil {
		return err
	}
	if c.Buffer.Name != ir.BufPayload {
		return fmt.Errorf("%s on a content already in sticky buffer %s: %w", modifier, c.Buffer.Name, diag.ErrConflict)
	}
	if err := b.needApp(app); err != nil {
		return err
	}
	c.Buffer = ir.Buffer{Name: buffer}
	return nil
}
