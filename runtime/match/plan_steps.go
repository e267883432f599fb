package match

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// step compiles a matcher that inspects a buffer.
func (p *planner) step(m ir.Matcher) (step, error) {
	switch m := m.(type) {
	case *ir.Content:
		return p.content(m)
	case *ir.Dataset:
		d, err := p.e.dataset(m)
		return &datasetStep{set: d, cmd: m.Cmd, subdomain: m.Subdomain}, err
	case *ir.Filestore:
		return fileStep{}, nil
	case *ir.FileHash:
		return &fileHashStep{hashes: m.Hashes, negated: m.Negated}, nil
	case *ir.Datarep:
		s, err := p.e.datarep(m)
		return &datarepStep{set: s, op: m.Op, value: m.Value}, err
	case *ir.PCRE:
		re, err := p.e.regexp(m.Pattern, m.Flags)
		if err != nil {
			return nil, err
		}
		return &pcreStep{re: re, negated: m.Negated, relative: m.Relative,
			vars: capVars(m.Vars, m.NamedOnly, re.Groups(), re.Named())}, nil
	case *ir.Entropy:
		return &entropyStep{offset: m.Offset, bytes: m.Bytes, value: m.Value, v: m.Var}, nil
	case *ir.IsDataAt:
		at, err := p.num(m.At)
		return &isDataAtStep{at: at, negated: m.Negated, relative: m.Relative}, err
	case *ir.ByteTest:
		opts, err := p.byteOpts(m.Opts)
		if err != nil {
			return nil, err
		}
		value, err := p.num(m.Value)
		return &byteTestStep{opts: opts, op: m.Op, negated: m.Negated, value: value}, err
	case *ir.ByteJump:
		opts, err := p.byteOpts(m.Opts)
		return &byteJumpStep{opts: opts, multiplier: uint64(m.Multiplier), align: m.Align,
			fromBeginning: m.FromBeginning, fromEnd: m.FromEnd, postOffset: m.PostOffset}, err
	case *ir.ByteExtract:
		opts, err := p.byteOpts(m.Opts)
		if err != nil {
			return nil, err
		}
		v := len(p.vars)
		p.vars[m.Name] = v
		p.varKey = append(p.varKey, -1)
		return &byteExtractStep{opts: opts, v: v, multiplier: uint64(m.Multiplier), align: uint64(m.Align)}, nil
	case *ir.Base64Decode:
		n := m.Bytes
		if n == 0 {
			n = base64MaxDecode
		}
		return &base64Step{bytes: n, offset: m.Offset, relative: m.Relative}, nil
	}
	return nil, fmt.Errorf("matcher %T: %w", m, diag.ErrUnsupported)
}

func (p *planner) content(c *ir.Content) (step, error) {
	s := &contentStep{pat: c.Pattern, nocase: c.Nocase, negated: c.Negated, startsWith: c.StartsWith, endsWith: c.EndsWith}
	if c.Nocase {
		s.pat = ascii.ToLower(c.Pattern)
	}
	var err error
	for _, f := range []struct {
		dst **num
		src *ir.Num
	}{{&s.offset, c.Offset}, {&s.depth, c.Depth}, {&s.distance, c.Distance}, {&s.within, c.Within}} {
		if *f.dst, err = p.optNum(f.src); err != nil {
			return nil, err
		}
	}
	return s, nil
}

var byteBases = map[string]int{"": 0, "oct": 8, "dec": 10, "hex": 16}

func (p *planner) byteOpts(o ir.ByteOpts) (byteOpts, error) {
	base, ok := byteBases[o.Base]
	if !ok {
		return byteOpts{}, fmt.Errorf("base %q: %w", o.Base, diag.ErrBadValue)
	}
	count, err := p.num(ir.Num{Val: int64(o.Bytes), Var: o.BytesVar})
	if err != nil {
		return byteOpts{}, err
	}
	off, err := p.num(o.Offset)
	return byteOpts{nbytes: count, offset: off, relative: o.Relative, little: o.Endian == "little", dce: o.Endian == "dce",
		base: base, bitmask: o.Bitmask}, err
}

// varsUsed returns the variables a step reads.
func varsUsed(s step) []int {
	var nums []*num
	switch s := s.(type) {
	case *contentStep:
		nums = []*num{s.offset, s.depth, s.distance, s.within}
	case *isDataAtStep:
		nums = []*num{&s.at}
	case *byteTestStep:
		nums = []*num{&s.opts.offset, &s.opts.nbytes, &s.value}
	case *byteJumpStep:
		nums = []*num{&s.opts.offset, &s.opts.nbytes}
	case *byteExtractStep:
		nums = []*num{&s.opts.offset, &s.opts.nbytes}
	}
	var vs []int
	for _, n := range nums {
		if n != nil && n.v >= 0 {
			vs = append(vs, n.v)
		}
	}
	return vs
}

// packetCheck compiles a matcher on the packet's headers.
func packetCheck(m ir.Matcher) (func(*inspect.Packet) bool, bool) {
	switch m := m.(type) {
	case *ir.TCPFlags:
		return func(p *inspect.Packet) bool { return p.Proto == 6 && m.Holds(p.TCPFlags) }, true
	case *ir.Field:
		icmp := func(p *inspect.Packet) bool { return p.Proto == 1 || p.Proto == 58 }
		switch m.Name {
		case "ttl":
			return func(p *inspect.Packet) bool { return m.Cmp.Holds(int64(p.TTL)) }, true
		case "itype":
			return func(p *inspect.Packet) bool { return icmp(p) && m.Cmp.Holds(int64(p.IType)) }, true
		case "icode":
			return func(p *inspect.Packet) bool { return icmp(p) && m.Cmp.Holds(int64(p.ICode)) }, true
		}
	}
	return nil, false
}
