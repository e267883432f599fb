package match

import (
	"fmt"
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/runtime/inspect"
)

// base64Buffer is the buffer base64_data selects: what base64_decode
// decoded.
const base64Buffer = "base64_data"

// rule is a compiled rule.
type rule struct {
	names   []int                        // unit buffers it needs
	packet  []func(*inspect.Packet) bool // checks on the unit's packet
	onlyPkt bool                         // dsize: packet units only
	groups  []group                      // in the order the rule first uses them
	nvars   int
	fastKey int // prefilter buffer key, -1 for none
	fastPat int // pattern index in that key's prefilter
}

// group is the program of one buffer.
type group struct {
	key   int
	steps []step
	// absent: the buffer matches when missing for good; present, it
	// fails unless orElse, then the steps inspect it.
	absent, orElse bool
}

// entry is a matcher with the step compiled from it.
type entry struct {
	m ir.Matcher
	s step
}

// planner compiles one rule.
type planner struct {
	e       *Engine
	rule    *rule
	keys    []int           // group keys in order of first use
	entries map[int][]entry // by key
	vars    map[string]int  // byte_extract variables
	varKey  []int           // group key each variable is extracted in
	b64     *base64Step
	b64Key  int
	b64Data []entry
	fast    *ir.Content
	fastKey int
	absent  map[int]bool // keys tested absent, to or_else
}

func (e *Engine) compileRule(r *ir.Rule) (*rule, error) {
	if r.Lang != ir.Suricata {
		return nil, fmt.Errorf("%s: %w", r.Lang, ErrNotSuricata)
	}
	p := &planner{e: e, rule: &rule{fastKey: -1}, entries: map[int][]entry{}, vars: map[string]int{}}
	for _, m := range r.Matchers {
		if err := p.add(m); err != nil {
			return nil, fmt.Errorf("%s: %w", m.Kind(), err)
		}
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return p.rule, nil
}

// add compiles one matcher into its buffer's program or the rule's checks.
func (p *planner) add(m ir.Matcher) error {
	if c, ok := packetCheck(m); ok {
		p.rule.packet = append(p.rule.packet, c)
		return nil
	}
	switch m := m.(type) {
	case *ir.Absent:
		return p.putAbsent(m)
	case *ir.StreamSize:
		return fmt.Errorf("stream size needs TCP sequence tracking: %w", diag.ErrUnsupported)
	case *ir.Field:
		return fmt.Errorf("header field %s: %w", m.Name, diag.ErrUnsupported)
	case *ir.Size:
		if m.What == "dsize" {
			p.rule.onlyPkt = true
		}
		return p.put(m, m.Buffer, &sizeStep{cmp: m.Cmp})
	}
	s, err := p.step(m)
	if err != nil {
		return err
	}
	if d, ok := s.(*base64Step); ok {
		if p.b64 != nil {
			return fmt.Errorf("a second base64_decode: %w", diag.ErrUnsupported)
		}
		p.b64 = d
	}
	return p.put(m, m.Buf(), s)
}

// put appends a step to its buffer's program.
func (p *planner) put(m ir.Matcher, b ir.Buffer, s step) error {
	if b.Name == base64Buffer {
		if len(b.Transforms) > 0 {
			return fmt.Errorf("transformed base64_data: %w", diag.ErrUnsupported)
		}
		p.b64Data = append(p.b64Data, entry{m, s})
		if e, ok := s.(*byteExtractStep); ok {
			p.varKey[e.v] = p.b64Key
		}
		return nil
	}
	key, err := p.e.key(b)
	if err != nil {
		return err
	}
	if _, seen := p.entries[key]; !seen {
		p.keys = append(p.keys, key)
	}
	p.entries[key] = append(p.entries[key], entry{m, s})
	if _, ok := s.(*base64Step); ok {
		p.b64Key = key
	}
	if e, ok := s.(*byteExtractStep); ok {
		p.varKey[e.v] = key
	}
	if c, ok := m.(*ir.Content); ok {
		p.consider(c, key)
	}
	return nil
}

// putAbsent marks a buffer tested absent.
func (p *planner) putAbsent(m *ir.Absent) error {
	if m.Buffer.Name == base64Buffer {
		return fmt.Errorf("absent on base64_data: %w", diag.ErrUnsupported)
	}
	key, err := p.e.key(m.Buffer)
	if err != nil {
		return err
	}
	if _, seen := p.entries[key]; !seen {
		p.keys = append(p.keys, key)
		p.entries[key] = nil
	}
	if p.absent == nil {
		p.absent = map[int]bool{}
	}
	p.absent[key] = m.OrElse
	return nil
}

// consider offers a content as the rule's prefilter pattern; a buffer
// that may be absent offers none.
func (p *planner) consider(c *ir.Content, key int) {
	if _, absent := p.absent[key]; c.Negated || absent {
		return
	}
	switch {
	case p.fast != nil && p.fast.FastPattern != nil:
	case c.FastPattern != nil, p.fast == nil, len(c.Pattern) > len(p.fast.Pattern):
		p.fast, p.fastKey = c, key
	}
}

// num resolves an operand; a variable must be extracted before its use.
func (p *planner) num(n ir.Num) (num, error) {
	if n.Var == "" {
		return num{val: n.Val, v: -1}, nil
	}
	v, ok := p.vars[n.Var]
	if !ok {
		return num{}, fmt.Errorf("variable %q is not extracted before its use: %w", n.Var, diag.ErrUnsupported)
	}
	return num{v: v}, nil
}

func (p *planner) optNum(n *ir.Num) (*num, error) {
	if n == nil {
		return nil, nil
	}
	v, err := p.num(*n)
	return &v, err
}

// finish orders each program, links relative matchers to what they are
// relative to, and picks the prefilter pattern.
func (p *planner) finish() error {
	if (p.b64 == nil) != (len(p.b64Data) == 0) {
		return fmt.Errorf("base64_decode and base64_data come together (Suricata matches neither alone): %w", diag.ErrUnsupported)
	}
	if err := p.checkVarOrder(); err != nil {
		return err
	}
	if p.b64 != nil {
		p.b64.data = program(p.b64Data)
	}
	names := map[int]bool{}
	for _, k := range p.keys {
		orElse, absent := p.absent[k]
		p.rule.groups = append(p.rule.groups, group{key: k, steps: program(p.entries[k]), absent: absent, orElse: orElse})
		if !absent {
			names[p.e.keys[k].name] = true
		}
	}
	for n := range names {
		p.rule.names = append(p.rule.names, n)
	}
	slices.Sort(p.rule.names)
	p.rule.nvars = len(p.vars)
	if p.fast != nil {
		p.rule.fastKey = p.fastKey
		p.rule.fastPat = p.e.fastPattern(p.fastKey, p.fast)
	}
	return nil
}

// checkVarOrder rejects a variable used in a buffer inspected before the
// one it is extracted from.
func (p *planner) checkVarOrder() error {
	order := map[int]int{}
	for i, k := range p.keys {
		order[k] = i
	}
	for i, k := range p.keys {
		for _, en := range p.entries[k] {
			for _, v := range varsUsed(en.s) {
				if order[p.varKey[v]] > i {
					return fmt.Errorf("byte_extract variable used in a buffer inspected before the one it comes from: %w", diag.ErrUnsupported)
				}
			}
		}
	}
	return nil
}

// program orders a buffer's steps: size checks first, as they do not
// depend on positions, then the rest in rule order with their relative
// links.
func program(entries []entry) []step {
	link(entries)
	var sizes, rest []step
	for _, en := range entries {
		if _, ok := en.s.(*sizeStep); ok {
			sizes = append(sizes, en.s)
		} else {
			rest = append(rest, en.s)
		}
	}
	return append(sizes, rest...)
}

// link marks each content and pcre that a later relative matcher is
// relative to, as Suricata does when it parses the later matcher, and
// notes which pcre matches must report where they end.
func link(entries []entry) {
	for j, en := range entries {
		if !relative(en.m) {
			continue
		}
		if k := anchor(entries[:j], en.m); k >= 0 {
			switch s := entries[k].s.(type) {
			case *contentStep:
				s.relNext = true
			case *pcreStep:
				s.relNext = true
			}
		}
	}
	for j, en := range entries {
		switch s := en.s.(type) {
		case *contentStep:
			s.single = !s.relative() && !s.relNext && s.depth == nil && s.offset == nil && !s.startsWith
		case *pcreStep:
			s.needEnd = slices.ContainsFunc(entries[j+1:], func(e entry) bool { return relative(e.m) })
		}
	}
}

// anchor returns the index of the matcher before a relative m that m is
// relative to, or -1: a content or pcre looks back to the last content or
// pcre, a byte keyword or isdataat to the last of those and the byte
// keywords and isdataat, base64_decode to nothing.
func anchor(before []entry, m ir.Matcher) int {
	byteKw := isByteKeyword(m)
	if !byteKw && !isContentOrPCRE(m) {
		return -1
	}
	for k := len(before) - 1; k >= 0; k-- {
		if prev := before[k].m; isContentOrPCRE(prev) || byteKw && isByteKeyword(prev) {
			return k
		}
	}
	return -1
}

func relative(m ir.Matcher) bool {
	switch m := m.(type) {
	case *ir.Content:
		return m.Relative()
	case *ir.PCRE:
		return m.Relative
	case *ir.IsDataAt:
		return m.Relative
	case *ir.ByteTest:
		return m.Opts.Relative
	case *ir.ByteJump:
		return m.Opts.Relative
	case *ir.ByteExtract:
		return m.Opts.Relative
	case *ir.Base64Decode:
		return m.Relative
	}
	return false
}

func isContentOrPCRE(m ir.Matcher) bool {
	switch m.(type) {
	case *ir.Content, *ir.PCRE:
		return true
	}
	return false
}

func isByteKeyword(m ir.Matcher) bool {
	switch m.(type) {
	case *ir.ByteTest, *ir.ByteJump, *ir.ByteExtract, *ir.IsDataAt:
		return true
	}
	return false
}
