package vars

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/grammar/suricata"
)

// Resolver turns address and port expressions into canonical sets,
// memoising by expression text. It is not safe for concurrent use.
type Resolver struct {
	vars  *Vars
	addrs map[string]addrResult
	ports map[string]portResult
	stack []string
}

type addrResult struct {
	set ir.AddrSet
	err error
}

type portResult struct {
	set ir.PortSet
	err error
}

// NewResolver returns a resolver over v.
func NewResolver(v *Vars) *Resolver {
	return &Resolver{vars: v, addrs: map[string]addrResult{}, ports: map[string]portResult{}}
}

// Addr resolves an address expression.
func (r *Resolver) Addr(e *suricata.AddrExpr) (ir.AddrSet, error) {
	key := e.String()
	if res, ok := r.addrs[key]; ok {
		return res.set, res.err
	}
	set, err := r.addr(e)
	if err == nil && set.Empty() {
		err = fmt.Errorf("address expression %s matches no address: %w", key, diag.ErrBadRange)
	}
	r.addrs[key] = addrResult{set, err}
	return set, err
}

// Port resolves a port expression.
func (r *Resolver) Port(e *suricata.PortExpr) (ir.PortSet, error) {
	key := e.String()
	if res, ok := r.ports[key]; ok {
		return res.set, res.err
	}
	set, err := r.port(e)
	if err == nil && set.Empty() {
		err = fmt.Errorf("port expression %s matches no port: %w", key, diag.ErrBadRange)
	}
	r.ports[key] = portResult{set, err}
	return set, err
}

func (r *Resolver) addr(e *suricata.AddrExpr) (ir.AddrSet, error) {
	set, err := r.addrPositive(e)
	if err != nil {
		return set, err
	}
	if e.Negated {
		if e.Any {
			return set, fmt.Errorf("!any matches nothing: %w", diag.ErrBadRange)
		}
		return set.Complement(), nil
	}
	return set, nil
}

// addrPositive resolves e ignoring its own negation.
func (r *Resolver) addrPositive(e *suricata.AddrExpr) (ir.AddrSet, error) {
	switch {
	case e.Any:
		return ir.AnyAddr(), nil
	case e.Var != "":
		text, ok := r.vars.Addr[e.Var]
		if !ok {
			if _, isPort := r.vars.Port[e.Var]; isPort {
				return ir.AddrSet{}, fmt.Errorf("$%s is a port variable, used as an address: %w", e.Var, diag.ErrUnknownVar)
			}
			return ir.AddrSet{}, fmt.Errorf("$%s: %w", e.Var, diag.ErrUnknownVar)
		}
		if err := r.push(e.Var); err != nil {
			return ir.AddrSet{}, err
		}
		defer r.pop()
		inner, err := suricata.ParseAddr(text)
		if err != nil {
			return ir.AddrSet{}, fmt.Errorf("$%s = %q: %v: %w", e.Var, text, err, diag.ErrSyntax)
		}
		return r.addr(inner)
	case e.IsList:
		var pos, neg ir.AddrSet
		hasPos := false
		for _, item := range e.List {
			s, err := r.addrPositive(item)
			if err != nil {
				return s, err
			}
			if item.Negated {
				neg = neg.Union(s)
			} else {
				pos, hasPos = pos.Union(s), true
			}
		}
		if !hasPos {
			pos = ir.AnyAddr()
		}
		return pos.Minus(neg), nil
	}
	return parseIP(e.IP, e.RangeTo)
}

func parseIP(ip, rangeTo string) (ir.AddrSet, error) {
	if rangeTo != "" {
		lo, err1 := netip.ParseAddr(ip)
		hi, err2 := netip.ParseAddr(rangeTo)
		if err1 != nil || err2 != nil || lo.Is4() != hi.Is4() {
			return ir.AddrSet{}, fmt.Errorf("bad address range %s-%s: %w", ip, rangeTo, diag.ErrBadRange)
		}
		if hi.Less(lo) {
			return ir.AddrSet{}, fmt.Errorf("address range %s-%s runs backwards: %w", ip, rangeTo, diag.ErrBadRange)
		}
		return ir.AddrRange(lo, hi), nil
	}
	addr, bits, hasBits := strings.Cut(ip, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return ir.AddrSet{}, fmt.Errorf("bad address %q: %w", ip, diag.ErrBadValue)
	}
	a = a.Unmap()
	n := a.BitLen()
	if hasBits {
		if n, err = prefixLen(bits, a.Is4()); err != nil {
			return ir.AddrSet{}, fmt.Errorf("bad prefix in %q: %w", ip, diag.ErrBadRange)
		}
	}
	return ir.AddrPrefix(netip.PrefixFrom(a, n)), nil
}

// prefixLen reads "/24" or, for IPv4, a dotted mask "/255.255.255.0".
func prefixLen(s string, v4 bool) (int, error) {
	if v4 && strings.Contains(s, ".") {
		m, err := netip.ParseAddr(s)
		if err != nil || !m.Is4() {
			return 0, fmt.Errorf("bad mask")
		}
		b := m.As4()
		v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		ones := 0
		for v&0x80000000 != 0 {
			ones++
			v <<= 1
		}
		if v != 0 {
			return 0, fmt.Errorf("non-contiguous mask")
		}
		return ones, nil
	}
	n, err := strconv.Atoi(s)
	max := 128
	if v4 {
		max = 32
	}
	if err != nil || n < 0 || n > max {
		return 0, fmt.Errorf("bad prefix length")
	}
	return n, nil
}

func (r *Resolver) port(e *suricata.PortExpr) (ir.PortSet, error) {
	set, err := r.portPositive(e)
	if err != nil {
		return set, err
	}
	if e.Negated {
		if e.Any {
			return set, fmt.Errorf("!any matches nothing: %w", diag.ErrBadRange)
		}
		return set.Complement(), nil
	}
	return set, nil
}

func (r *Resolver) portPositive(e *suricata.PortExpr) (ir.PortSet, error) {
	switch {
	case e.Any:
		return ir.AnyPort(), nil
	case e.Var != "":
		text, ok := r.vars.Port[e.Var]
		if !ok {
			if _, isAddr := r.vars.Addr[e.Var]; isAddr {
				return ir.PortSet{}, fmt.Errorf("$%s is an address variable, used as a port: %w", e.Var, diag.ErrUnknownVar)
			}
			return ir.PortSet{}, fmt.Errorf("$%s: %w", e.Var, diag.ErrUnknownVar)
		}
		if err := r.push(e.Var); err != nil {
			return ir.PortSet{}, err
		}
		defer r.pop()
		inner, err := suricata.ParsePort(text)
		if err != nil {
			return ir.PortSet{}, fmt.Errorf("$%s = %q: %v: %w", e.Var, text, err, diag.ErrSyntax)
		}
		return r.port(inner)
	case e.IsList:
		var pos, neg ir.PortSet
		hasPos := false
		for _, item := range e.List {
			s, err := r.portPositive(item)
			if err != nil {
				return s, err
			}
			if item.Negated {
				neg = neg.Union(s)
			} else {
				pos, hasPos = pos.Union(s), true
			}
		}
		if !hasPos {
			pos = ir.AnyPort()
		}
		return pos.Minus(neg), nil
	}
	lo, hi := uint16(0), uint16(65535)
	var err error
	if e.Lo != "" {
		if lo, err = portNumber(e.Lo); err != nil {
			return ir.PortSet{}, err
		}
	}
	if e.Hi != "" {
		if hi, err = portNumber(e.Hi); err != nil {
			return ir.PortSet{}, err
		}
	}
	if lo > hi {
		return ir.PortSet{}, fmt.Errorf("port range %d:%d runs backwards: %w", lo, hi, diag.ErrBadRange)
	}
	return ir.PortRange(lo, hi), nil
}

func portNumber(s string) (uint16, error) {
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n > 65535 {
		return 0, fmt.Errorf("bad port %q: %w", s, diag.ErrBadRange)
	}
	return uint16(n), nil
}

func (r *Resolver) push(name string) error {
	if slices.Contains(r.stack, name) {
		return fmt.Errorf("variable $%s refers to itself (%s): %w", name, strings.Join(append(r.stack, name), " -> "), diag.ErrBadValue)
	}
	r.stack = append(r.stack, name)
	return nil
}

func (r *Resolver) pop() { r.stack = r.stack[:len(r.stack)-1] }
