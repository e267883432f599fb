package suricata

import (
	"fmt"
	"github.com/rulec/rulec/compiler/sideconf"
	"github.com/rulec/rulec/compiler/vars"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// builder is the state of one rule while its options are applied in order.
type builder struct {
	rule *ir.Rule

	buf       ir.Buffer // the current sticky buffer
	bufStart  int       // index of the first matcher in buf
	last      ir.Matcher
	content   *ir.Content // the last content, target of content modifiers
	extracted map[string]bool
	fastSeen  bool
	app       string            // app-layer protocol implied by the buffers used
	bufDirs   map[string]bufDir // buffers given a direction ("http.connection: to_client")
	classes   map[string]sideconf.Class
	refs      map[string]string
	datasets  vars.DatasetRules
}

func newBuilder(r *ir.Rule, c *Compiler) *builder {
	return &builder{rule: r, buf: ir.Buffer{Name: ir.BufPayload}, classes: c.classes, refs: c.refs, datasets: c.datasets}
}

// add appends a matcher in the current buffer.
func (b *builder) add(m ir.Matcher) {
	b.rule.Matchers = append(b.rule.Matchers, m)
	b.last = m
	if c, ok := m.(*ir.Content); ok {
		b.content = c
	}
}

// setBuffer makes name the current sticky buffer; app is the application
// protocol it belongs to ("" for none).
func (b *builder) setBuffer(name, app string) error {
	if err := b.needApp(app); err != nil {
		return err
	}
	b.buf = ir.Buffer{Name: name}
	b.bufStart = len(b.rule.Matchers)
	b.content, b.last = nil, nil
	return nil
}

// needApp records that the rule inspects an app-layer protocol and checks
// the rule's protocol allows it.
func (b *builder) needApp(app string) error {
	if app == "" {
		return nil
	}
	p := b.rule.Header.Proto
	switch {
	case p.App != "" && !sameApp(p.App, app):
		return fmt.Errorf("%s buffer in a %s rule: %w", app, p.App, diag.ErrConflict)
	case !l4Carries(p.L4, app):
		return fmt.Errorf("%s buffer in a %s rule: %w", app, p.L4, diag.ErrConflict)
	case b.app != "" && !sameApp(b.app, app):
		return fmt.Errorf("%s buffer after %s buffers: %w", app, b.app, diag.ErrConflict)
	}
	if b.app == "" {
		b.app = app
	}
	return nil
}

// lastContent returns the content a modifier applies to.
func (b *builder) lastContent(mod string) (*ir.Content, error) {
	if b.content == nil {
		return nil, fmt.Errorf("%s needs a preceding content: %w", mod, diag.ErrMissing)
	}
	return b.content, nil
}

// num reads an integer operand or a byte_extract variable name.
func (b *builder) num(s string) (ir.Num, error) {
	if n, err := parseInt(s); err == nil {
		return ir.Num{Val: n}, nil
	}
	if b.extracted[s] {
		return ir.Num{Var: s}, nil
	}
	return ir.Num{}, fmt.Errorf("%q is neither a number nor a byte_extract variable: %w", s, diag.ErrBadValue)
}
