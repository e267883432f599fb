package kernel

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
)

// MaxSlots is the most slots the classifier holds.
const MaxSlots = 2048 * 64

// slotHeader is the header one slot matches.
type slotHeader struct {
	src, dst     ir.AddrSet
	sport, dport ir.PortSet
	protos       []int
	l4           string
}

func (h slotHeader) reversed() slotHeader {
	return slotHeader{h.dst, h.src, h.dport, h.sport, h.protos, h.l4}
}

// key identifies the header's shape: equal keys match the same packets.
func (h slotHeader) key() string {
	var b []byte
	for _, sp := range append(addrSpans(h.src), append(addrSpans(h.dst), h.sport.Spans, h.dport.Spans)...) {
		b = appendSpans(b, sp)
	}
	return string(append(b, h.l4...))
}

// Build generates the tables for rules; tiers[i] is where rules[i] runs.
// Disabled rules are skipped. A kernel rule gets one slot per direction
// it matches (Slot.Rule indexes rules). Userspace rules only select the
// packets to copy up, so they share slots by header shape: one userspace
// slot per distinct header (each rule's and its reverse) and prefilter
// item (prefilter.go), with ShapeRules listing the rules whose header, as
// written (or reversed, for a bidirectional rule), is that shape.
func Build(rules []*ir.Rule, tiers []lower.Tier) (*Tables, error) {
	t := &Tables{}
	var heads []slotHeader
	itemIDs := map[string]uint32{}
	shapes := map[string]int{}
	shape := func(h slotHeader, pre *prefilter) int {
		k := h.key()
		if pre != nil {
			k += fmt.Sprintf("/%d", pre.item)
		}
		if i, ok := shapes[k]; ok {
			return i
		}
		i := len(t.Slots)
		shapes[k] = i
		s := Slot{Rule: NoRule, Action: ActAlert, Userspace: true}
		if pre != nil {
			s.Buffer, s.ItemStart, s.ItemCount = pre.buf, uint32(len(t.SlotItems)), 1
			t.SlotItems = append(t.SlotItems, pre.item)
		}
		t.Slots = append(t.Slots, s)
		heads = append(heads, h)
		return i
	}
	for i, r := range rules {
		if r.Disabled {
			continue
		}
		h := r.Header
		fwd := slotHeader{h.Src, h.Dst, h.SrcPorts, h.DstPorts, protoNumbers(h.Proto.L4), h.Proto.L4}
		if tiers[i] == lower.Userspace {
			pre := t.prefilter(r, itemIDs)
			f, b := shape(fwd, pre), shape(fwd.reversed(), pre)
			switch {
			case h.TxBoth:
				// inspected on the to-client side only, where the
				// client is the packet's destination
				t.addShapeRule(b, i)
			case h.Bidir && b != f:
				t.addShapeRule(f, i)
				t.addShapeRule(b, i)
			default:
				t.addShapeRule(f, i)
			}
			continue
		}
		s := Slot{Rule: uint32(i), Action: action(r.Action), NoAlert: r.NoAlert, Flow: FlowReqOf(r.Flow)}
		if err := t.checks(&s, r, itemIDs); err != nil {
			return nil, fmt.Errorf("%s: sid %d: %w", r.Pos, r.Meta.SID, err)
		}
		s.DropScope = dropScope(r, s.Buffer)
		t.Slots = append(t.Slots, s)
		heads = append(heads, fwd)
		if h.Bidir {
			t.Slots = append(t.Slots, s)
			heads = append(heads, fwd.reversed())
		}
	}
	t.NSlots = len(t.Slots)
	if t.NSlots > MaxSlots {
		return nil, fmt.Errorf("%d slots (%d userspace header shapes), the classifier holds %d", t.NSlots, len(shapes), MaxSlots)
	}
	t.NWords = max(1, (t.NSlots+63)/64)
	t.NSummary = (t.NWords + 63) / 64

	t.SrcV4, t.SrcV6 = t.prefixBits(heads, func(h slotHeader) ir.AddrSet { return h.src })
	t.DstV4, t.DstV6 = t.prefixBits(heads, func(h slotHeader) ir.AddrSet { return h.dst })
	t.SportClass, t.SportBits = t.portClasses(heads, func(h slotHeader) ir.PortSet { return h.sport })
	t.DportClass, t.DportBits = t.portClasses(heads, func(h slotHeader) ir.PortSet { return h.dport })
	for i, h := range heads {
		for _, p := range h.protos {
			if t.Proto[p] == nil {
				t.Proto[p] = t.newBitset()
			}
			t.set(t.Proto[p], i)
		}
	}
	a, err := buildAutomaton(t.Items)
	if err != nil {
		return nil, err
	}
	t.Automaton = a
	return t, nil
}

func action(a ir.Action) Action {
	switch a {
	case ir.ActPass:
		return ActPass
	case ir.ActDrop:
		return ActDrop
	case ir.ActReject, ir.ActRejectSrc, ir.ActRejectDst, ir.ActRejectBoth:
		return ActReject
	}
	return ActAlert
}

func protoNumbers(l4 string) []int {
	switch l4 {
	case "tcp":
		return []int{6}
	case "udp":
		return []int{17}
	case "icmp":
		return []int{1, 58}
	case "icmpv4":
		return []int{1}
	case "icmpv6":
		return []int{58}
	case "sctp":
		return []int{132}
	}
	all := make([]int, 256)
	for i := range all {
		all[i] = i
	}
	return all
}

// group is the slots sharing one distinct set of a header field, with
// their bitset built once.
type group[S any] struct {
	set  S
	bits Bitset
}

// groupBy collects slots by a header field's set, in first-seen order, so
// that each distinct set is processed once. Sets are keyed by their spans.
func groupBy[S any](t *Tables, heads []slotHeader, field func(slotHeader) S, spans func(S) []ir.Spans) []group[S] {
	index := map[string]int{}
	var gs []group[S]
	var key []byte
	for i, h := range heads {
		s := field(h)
		key = key[:0]
		for _, sp := range spans(s) {
			key = appendSpans(key, sp)
		}
		g, ok := index[string(key)]
		if !ok {
			g = len(gs)
			index[string(key)] = g
			gs = append(gs, group[S]{set: s, bits: t.newBitset()})
		}
		t.set(gs[g].bits, i)
	}
	return gs
}

func appendSpans(key []byte, sp ir.Spans) []byte {
	for _, x := range sp {
		key = binary.LittleEndian.AppendUint64(key, x.Lo.Hi)
		key = binary.LittleEndian.AppendUint64(key, x.Lo.Lo)
		key = binary.LittleEndian.AppendUint64(key, x.Hi.Hi)
		key = binary.LittleEndian.AppendUint64(key, x.Hi.Lo)
	}
	return append(key, '|')
}

// addShapeRule lists rule under the userspace slot shape.
func (t *Tables) addShapeRule(shape, rule int) {
	for len(t.ShapeRules) <= shape {
		t.ShapeRules = append(t.ShapeRules, nil)
	}
	t.ShapeRules[shape] = append(t.ShapeRules[shape], uint32(rule))
}

func addrSpans(s ir.AddrSet) []ir.Spans { return []ir.Spans{s.V4, s.V6} }
func portSpans(s ir.PortSet) []ir.Spans { return []ir.Spans{s.Spans} }

// prefixBits builds the LPM entries of one address field: every prefix of
// every set, each with the slots whose set covers it.
func (t *Tables) prefixBits(heads []slotHeader, field func(slotHeader) ir.AddrSet) (v4, v6 []PrefixBits) {
	gs := groupBy(t, heads, field, addrSpans)
	seen := map[netip.Prefix]bool{}
	var prefixes []netip.Prefix
	for _, g := range gs {
		for _, p := range g.set.Prefixes() {
			if !seen[p] {
				seen[p] = true
				prefixes = append(prefixes, p)
			}
		}
	}
	slices.SortFunc(prefixes, func(a, b netip.Prefix) int {
		return cmp.Or(a.Addr().Compare(b.Addr()), cmp.Compare(a.Bits(), b.Bits()))
	})
	for _, p := range prefixes {
		bits := t.newBitset()
		for _, g := range gs {
			if g.set.Covers(p) {
				t.or(bits, g.bits)
			}
		}
		if p.Addr().Is4() {
			v4 = append(v4, PrefixBits{p, bits})
		} else {
			v6 = append(v6, PrefixBits{p, bits})
		}
	}
	return v4, v6
}

// portClasses splits 0..65535 at every boundary of every port set and
// gives intervals with the same slots one class.
func (t *Tables) portClasses(heads []slotHeader, field func(slotHeader) ir.PortSet) ([]PortClass, []Bitset) {
	gs := groupBy(t, heads, field, portSpans)
	cuts := map[int]bool{0: true}
	for _, g := range gs {
		for _, r := range g.set.Ranges() {
			cuts[int(r[0])] = true
			cuts[int(r[1])+1] = true
		}
	}
	starts := slices.Sorted(func(yield func(int) bool) {
		for c := range cuts {
			if c <= 65535 && !yield(c) {
				return
			}
		}
	})
	var (
		classes []PortClass
		bitsets []Bitset
		byKey   = map[string]uint32{}
	)
	for i, lo := range starts {
		hi := 65535
		if i+1 < len(starts) {
			hi = starts[i+1] - 1
		}
		bits := t.newBitset()
		for _, g := range gs {
			if g.set.Contains(uint16(lo)) {
				t.or(bits, g.bits)
			}
		}
		key := bitsKey(bits)
		class, ok := byKey[key]
		if !ok {
			class = uint32(len(bitsets))
			byKey[key] = class
			bitsets = append(bitsets, bits)
		}
		if n := len(classes); n > 0 && classes[n-1].Class == class {
			classes[n-1].Hi = uint16(hi)
			continue
		}
		classes = append(classes, PortClass{Lo: uint16(lo), Hi: uint16(hi), Class: class})
	}
	return classes, bitsets
}

// checks fills a kernel slot's packet checks and content items.
func (t *Tables) checks(s *Slot, r *ir.Rule, itemIDs map[string]uint32) error {
	s.ItemStart = uint32(len(t.SlotItems))
	for i, m := range r.Matchers {
		switch m := m.(type) {
		case *ir.Content:
			buf := bufferOf(m.Buffer)
			s.Buffer = buf
			ref := t.item(m, buf, r.Matchers[i+1:], itemIDs)
			if m.Negated {
				ref |= ItemNegated
			}
			t.SlotItems = append(t.SlotItems, ref)
		case *ir.Size:
			dst := &s.Dsize
			if m.What == "bsize" {
				dst, s.Buffer = &s.BLen, bufferOf(m.Buffer)
			}
			if err := setCmp(dst, m.Cmp, m.What); err != nil {
				return err
			}
		case *ir.IsDataAt:
			s.Buffer = bufferOf(m.Buffer)
			if m.Relative {
				continue // a condition of the content before it (item)
			}
			c := ir.Cmp{Op: ">", A: m.At.Val}
			if m.Negated {
				c.Op = "<="
			}
			if err := setCmp(&s.BLen, c, "isdataat"); err != nil {
				return err
			}
		case *ir.Field:
			dst := map[string]*Cmp{"ttl": &s.TTL, "itype": &s.IType, "icode": &s.ICode}[m.Name]
			if dst == nil {
				return fmt.Errorf("%s is not a kernel check", m.Name)
			}
			if err := setCmp(dst, m.Cmp, m.Name); err != nil {
				return err
			}
		case *ir.TCPFlags:
			if s.Flags.Mod != FlagsNone {
				return fmt.Errorf("flags given twice")
			}
			s.Flags = Flags{Mod: flagsMod(m.Mod), Set: m.Flags, Ignore: m.Ignore}
		default:
			return fmt.Errorf("%s is not a kernel check", m.Kind())
		}
	}
	s.ItemCount = uint32(len(t.SlotItems)) - s.ItemStart
	return nil
}

// bufferOf maps a rule buffer the classifier parses to its Buffer.
func bufferOf(b ir.Buffer) Buffer {
	dot := len(b.Transforms) > 0
	switch {
	case b.Name == lower.BufDNSQuery && dot:
		return BufDNSQueryDot
	case b.Name == lower.BufDNSQuery:
		return BufDNSQuery
	case b.Name == lower.BufTLSSNI && dot:
		return BufTLSSNIDot
	case b.Name == lower.BufTLSSNI:
		return BufTLSSNI
	}
	return BufPayload
}

// item returns the id of c's item; the relative isdataat keywords right
// after c (rest) become its RestGE and RestLT.
func (t *Tables) item(c *ir.Content, buf Buffer, rest []ir.Matcher, ids map[string]uint32) uint32 {
	it := Item{Pattern: c.Pattern, Nocase: c.Nocase, StartsWith: c.StartsWith, EndsWith: c.EndsWith, Buffer: buf}
	if c.Offset != nil {
		it.Offset = uint32(c.Offset.Val)
	}
	if c.Depth != nil {
		it.Depth = uint32(c.Depth.Val)
	}
	if it.StartsWith {
		it.Offset, it.Depth = 0, uint32(len(it.Pattern))
	}
	for _, m := range rest {
		d, ok := m.(*ir.IsDataAt)
		if !ok || !d.Relative {
			break
		}
		if d.Negated {
			it.RestLT = uint32(d.At.Val)
		} else {
			it.RestGE = uint32(d.At.Val)
		}
	}
	return t.itemID(it, ids)
}

func setCmp(dst *Cmp, c ir.Cmp, what string) error {
	if dst.Op != CmpNone {
		return fmt.Errorf("%s given twice", what)
	}
	ops := map[string]CmpOp{"=": CmpEq, "!=": CmpNe, "<": CmpLt, ">": CmpGt, "<=": CmpLe, ">=": CmpGe, "<>": CmpRange}
	op, ok := ops[c.Op]
	if !ok {
		return fmt.Errorf("%s comparison %q has no kernel form", what, c.Op)
	}
	*dst = Cmp{Op: op, A: uint32(c.A), B: uint32(c.B)}
	return nil
}

func flagsMod(m string) FlagsMod {
	switch m {
	case "+":
		return FlagsPlus
	case "*":
		return FlagsAny
	case "!":
		return FlagsNot
	}
	return FlagsExact
}

func bitsKey(b Bitset) string {
	buf := make([]byte, 0, 8*len(b))
	for _, w := range b {
		buf = binary.LittleEndian.AppendUint64(buf, w)
	}
	return string(buf)
}

// itemID returns the id of it, adding it to the items unless an equal
// item is there.
func (t *Tables) itemID(it Item, ids map[string]uint32) uint32 {
	var k strings.Builder
	fmt.Fprintf(&k, "%x/%v/%d/%d/%v/%d/%d/%d", it.Pattern, it.Nocase, it.Offset, it.Depth, it.EndsWith, it.Buffer, it.RestGE, it.RestLT)
	if id, ok := ids[k.String()]; ok {
		return id
	}
	id := uint32(len(t.Items))
	ids[k.String()] = id
	t.Items = append(t.Items, it)
	return id
}
