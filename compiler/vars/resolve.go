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
	addrs kind[ir.AddrSet]
	ports kind[ir.PortSet]
	stack []string
	depth int // lists and variable expansions being resolved
}

// set is what address and port sets have in common.
type set[S any] interface {
	Union(S) S
	Minus(S) S
	Complement() S
	Empty() bool
}

// node is an address or port expression, seen the same way for both.
type node[S any] struct {
	negated, any, isList bool
	varName              string
	list                 []node[S]
	leaf                 func() (S, error)
}

// kind is what differs between resolving addresses and ports.
type kind[S set[S]] struct {
	name      string
	all       S
	vars      map[string]string
	others    map[string]string // variables of the other kind
	wrongKind string
	parse     func(string) (node[S], error)
	memo      map[string]result[S]
}

type result[S any] struct {
	set S
	err error
}

// NewResolver returns a resolver over v.
func NewResolver(v *Vars) *Resolver {
	return &Resolver{
		addrs: kind[ir.AddrSet]{
			name: "address", all: ir.AnyAddr(), vars: v.Addr, others: v.Port,
			wrongKind: "is a port variable, used as an address",
			parse: func(text string) (node[ir.AddrSet], error) {
				e, err := suricata.ParseAddr(text)
				if err != nil {
					return node[ir.AddrSet]{}, err
				}
				return addrNode(e), nil
			},
			memo: map[string]result[ir.AddrSet]{},
		},
		ports: kind[ir.PortSet]{
			name: "port", all: ir.AnyPort(), vars: v.Port, others: v.Addr,
			wrongKind: "is an address variable, used as a port",
			parse: func(text string) (node[ir.PortSet], error) {
				e, err := suricata.ParsePort(text)
				if err != nil {
					return node[ir.PortSet]{}, err
				}
				return portNode(e), nil
			},
			memo: map[string]result[ir.PortSet]{},
		},
	}
}

// Addr resolves an address expression.
func (r *Resolver) Addr(e *suricata.AddrExpr) (ir.AddrSet, error) {
	return resolve(r, &r.addrs, e.String(), addrNode(e))
}

// Port resolves a port expression.
func (r *Resolver) Port(e *suricata.PortExpr) (ir.PortSet, error) {
	return resolve(r, &r.ports, e.String(), portNode(e))
}

func addrNode(e *suricata.AddrExpr) node[ir.AddrSet] {
	n := node[ir.AddrSet]{negated: e.Negated, any: e.Any, isList: e.IsList, varName: e.Var}
	for _, item := range e.List {
		n.list = append(n.list, addrNode(item))
	}
	n.leaf = func() (ir.AddrSet, error) { return parseIP(e.IP, e.RangeTo) }
	return n
}

func portNode(e *suricata.PortExpr) node[ir.PortSet] {
	n := node[ir.PortSet]{negated: e.Negated, any: e.Any, isList: e.IsList, varName: e.Var}
	for _, item := range e.List {
		n.list = append(n.list, portNode(item))
	}
	n.leaf = func() (ir.PortSet, error) { return parsePortRange(e.Lo, e.Hi) }
	return n
}

func resolve[S set[S]](r *Resolver, k *kind[S], key string, n node[S]) (S, error) {
	if res, ok := k.memo[key]; ok {
		return res.set, res.err
	}
	s, err := eval(r, k, n)
	if err == nil && s.Empty() {
		err = fmt.Errorf("%s expression %s matches no %s: %w", k.name, key, k.name, diag.ErrBadRange)
	}
	k.memo[key] = result[S]{s, err}
	return s, err
}

func eval[S set[S]](r *Resolver, k *kind[S], n node[S]) (S, error) {
	s, err := positive(r, k, n)
	if err != nil || !n.negated {
		return s, err
	}
	if n.any {
		return s, fmt.Errorf("!any matches nothing: %w", diag.ErrBadRange)
	}
	return s.Complement(), nil
}

// positive resolves n ignoring its own negation. In a list, the negated
// items are taken out of the union of the others (of everything when all
// items are negated).
func positive[S set[S]](r *Resolver, k *kind[S], n node[S]) (S, error) {
	var zero S
	if n.varName != "" || n.isList {
		if r.depth++; r.depth > suricata.MaxDepth {
			r.depth--
			return zero, fmt.Errorf("%s block recursion limit reached (max %d): %w", k.name, suricata.MaxDepth, diag.ErrLimit)
		}
		defer func() { r.depth-- }()
	}
	switch {
	case n.any:
		return k.all, nil
	case n.varName != "":
		text, ok := k.vars[n.varName]
		if !ok {
			if _, other := k.others[n.varName]; other {
				return zero, fmt.Errorf("$%s %s: %w", n.varName, k.wrongKind, diag.ErrUnknownVar)
			}
			return zero, fmt.Errorf("$%s: %w", n.varName, diag.ErrUnknownVar)
		}
		if err := r.push(n.varName); err != nil {
			return zero, err
		}
		defer r.pop()
		inner, err := k.parse(text)
		if err != nil {
			return zero, fmt.Errorf("$%s = %q: %v: %w", n.varName, text, err, diag.ErrSyntax)
		}
		return eval(r, k, inner)
	case n.isList:
		var pos, neg S
		hasPos := false
		for _, item := range n.list {
			s, err := positive(r, k, item)
			if err != nil {
				return s, err
			}
			if item.negated {
				neg = neg.Union(s)
			} else {
				pos, hasPos = pos.Union(s), true
			}
		}
		if !hasPos {
			pos = k.all
		}
		return pos.Minus(neg), nil
	}
	return n.leaf()
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

func parsePortRange(loText, hiText string) (ir.PortSet, error) {
	lo, hi := uint16(0), uint16(65535)
	var err error
	if loText != "" {
		if lo, err = portNumber(loText); err != nil {
			return ir.PortSet{}, err
		}
	}
	if hiText != "" {
		if hi, err = portNumber(hiText); err != nil {
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
