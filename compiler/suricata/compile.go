package suricata

import (
	"errors"
	"fmt"
	"github.com/rulec/rulec/compiler/sideconf"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// Compiler lowers Suricata rules with one set of variables.
type Compiler struct {
	res      *vars.Resolver
	classes  map[string]sideconf.Class
	refs     map[string]string
	datasets vars.DatasetRules
}

// New returns a compiler resolving variables from v, with the classtypes
// of Suricata's default classification.config and the reference systems
// of its default reference.config.
func New(v *vars.Vars) *Compiler {
	c := &Compiler{res: vars.NewResolver(v), classes: sideconf.DefaultClasses(), refs: sideconf.DefaultReferences()}
	if v != nil {
		c.datasets = v.Datasets
	}
	return c
}

// SetClasses replaces the classtypes (from a classification.config).
func (c *Compiler) SetClasses(m map[string]sideconf.Class) { c.classes = m }

// SetReferences sets the reference systems' URL prefixes (from a
// reference.config).
func (c *Compiler) SetReferences(m map[string]string) { c.refs = m }

// File parses and compiles one rules file. It returns the rules that
// compiled (disabled ones included, flagged), every diagnostic of the
// enabled rules, and the tally of enabled rules by outcome.
func (c *Compiler) File(name string, src []byte) ([]*ir.Rule, *diag.List, diag.Tally) {
	parsed, errs := syntax.ParseFile(name, src)
	var tally diag.Tally
	for _, d := range errs.Items {
		tally.Add([]*diag.Diagnostic{d})
	}
	tally.Errors += errs.Dropped
	tally.Rules += errs.Dropped
	var out []*ir.Rule
	for _, r := range parsed {
		rule, ds := c.Rule(r)
		if r.Disabled {
			if rule != nil {
				out = append(out, rule)
			}
			continue
		}
		tally.Add(ds)
		for _, d := range ds {
			errs.Add(d)
		}
		if rule != nil {
			out = append(out, rule)
		}
	}
	return out, errs, tally
}

// Rule compiles one parsed rule. It returns nil and the diagnostics when
// the rule has any error or unsupported construct; a rule with warnings
// only is returned with them.
func (c *Compiler) Rule(r *syntax.Rule) (*ir.Rule, []*diag.Diagnostic) {
	rule := &ir.Rule{Lang: ir.Suricata, Pos: r.Pos, Disabled: r.Disabled, Action: ir.Action(r.Action)}
	var ds []*diag.Diagnostic
	sid := preScanSID(r)
	report := func(pos diag.Pos, err error) {
		ds = append(ds, &diag.Diagnostic{Pos: pos, SID: sid, Err: err})
	}
	if why := unmetRequirement(r); why != "" {
		report(r.Pos, diag.Warn(fmt.Errorf("rule skipped, as by Suricata %d.%d: requires %s", SuricataVersion[0], SuricataVersion[1], why)))
		return nil, ds
	}
	proto, ok := ruleProto(r.Proto)
	if !ok {
		report(r.ProtoPos, fmt.Errorf("protocol %q %w", r.Proto, diag.ErrUnsupported))
	}
	h := &rule.Header
	h.Proto, h.Bidir, h.TxBoth = proto, r.Bidir, r.TxBoth
	var err error
	if h.Src, err = c.res.Addr(r.Src); err != nil {
		report(r.SrcPos, fmt.Errorf("source address: %w", err))
	}
	if h.SrcPorts, err = c.res.Port(r.SrcPort); err != nil {
		report(r.SrcPortPos, fmt.Errorf("source port: %w", err))
	}
	if h.Dst, err = c.res.Addr(r.Dst); err != nil {
		report(r.DstPos, fmt.Errorf("destination address: %w", err))
	}
	if h.DstPorts, err = c.res.Port(r.DstPort); err != nil {
		report(r.DstPortPos, fmt.Errorf("destination port: %w", err))
	}
	if fam := families[strings.ToLower(r.Proto)]; fam != 0 {
		h.Src, h.Dst = onlyFamily(h.Src, fam), onlyFamily(h.Dst, fam)
	}
	b := newBuilder(rule, c)
	for i := range r.Options {
		o := &r.Options[i]
		if err := applyOption(b, o); err != nil {
			pos := o.Pos
			if o.HasValue && !errors.Is(err, diag.ErrUnsupported) {
				pos = o.ValuePos
			}
			report(pos, err)
		}
	}
	for _, f := range finishers {
		if err := f(b); err != nil {
			report(r.Pos, err)
		}
	}
	if diag.Failed(ds) {
		return nil, ds
	}
	return rule, ds
}

func applyOption(b *builder, o *syntax.Option) error {
	kw, ok := keywords.Lookup(o.Name)
	if !ok {
		return fmt.Errorf("keyword %q %w", o.Name, diag.ErrUnsupported)
	}
	switch {
	case kw.value == valueRequired && !o.HasValue:
		return fmt.Errorf("%s needs a value: %w", o.Name, diag.ErrBadValue)
	case kw.value == valueNone && o.HasValue:
		return fmt.Errorf("%s takes no value: %w", o.Name, diag.ErrBadValue)
	}
	if err := kw.apply(b, o); err != nil {
		if errors.Is(err, diag.ErrUnsupported) {
			return err
		}
		return fmt.Errorf("%s: %w", o.Name, err)
	}
	return nil
}

// onlyFamily keeps the addresses of one IP version.
func onlyFamily(s ir.AddrSet, fam int) ir.AddrSet {
	if fam == 4 {
		return ir.AddrSet{V4: s.V4}
	}
	return ir.AddrSet{V6: s.V6}
}

// preScanSID finds the rule's sid so that every diagnostic can name it,
// even those raised before the sid option is reached.
func preScanSID(r *syntax.Rule) uint64 {
	for _, o := range r.Options {
		if o.Name == "sid" {
			if n, err := strconv.ParseUint(o.Value, 10, 64); err == nil {
				return n
			}
		}
	}
	return 0
}
