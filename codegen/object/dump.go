package object

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/compiler/lower"
)

// Dump writes the canonical text form of o: the same object always gives
// the same text.
func Dump(w io.Writer, o *Object) {
	d := &dumper{w: w, t: o.Kernel}
	kernelN := 0
	for _, t := range o.Tiers {
		if t.Tier == lower.Kernel {
			kernelN++
		}
	}
	d.printf("rulec object format %d\n", FormatVersion)
	d.printf("bpf: %d bytes sha256 %x\n", len(o.BPF), sha256.Sum256(o.BPF))
	d.printf("rules: %d (%d kernel, %d userspace)\n", len(o.Rules), kernelN, len(o.Rules)-kernelN)
	for i, r := range o.Rules {
		m := r.Meta
		d.printf("rule %d: %s %d:%d:%d %s %s priority %d %s %q", i, r.Lang, m.GID, m.SID, m.Rev, r.Action, o.Tiers[i].Tier, m.Priority, r.Pos, m.Msg)
		for _, s := range r.Suppress {
			d.printf(" suppress %s %s", s.Track, s.Addrs)
		}
		if reason := o.Tiers[i].Reason; reason != "" {
			d.printf(" (%s)", reason)
		} else if note := o.Tiers[i].Note; note != "" {
			d.printf(" (%s)", note)
		}
		d.printf("\n")
	}
	d.tables()
}

type dumper struct {
	w io.Writer
	t *kernel.Tables
}

func (d *dumper) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

func (d *dumper) tables() {
	t := d.t
	d.printf("slots: %d (%d words, %d summary)\n", t.NSlots, t.NWords, t.NSummary)
	for i, s := range t.Slots {
		if s.Userspace {
			d.printf("slot %d: userspace shape", i)
			if i < len(t.ShapeRules) && len(t.ShapeRules[i]) > 0 {
				d.printf(" rules %s", joinInts(t.ShapeRules[i]))
			}
			if s.ItemCount > 0 {
				d.printf(" prefilter %s item %d", s.Buffer, t.SlotItems[s.ItemStart])
			}
			d.printf("\n")
			continue
		}
		d.printf("slot %d: rule %d action %d", i, s.Rule, s.Action)
		if s.Buffer != kernel.BufPayload {
			d.printf(" buffer %s", s.Buffer)
		}
		if s.NoAlert {
			d.printf(" noalert")
		}
		if s.Flow != 0 {
			d.printf(" flow %s", s.Flow)
		}
		if s.Action == kernel.ActDrop || s.Action == kernel.ActReject {
			d.printf(" drops %s", s.DropScope)
		}
		for _, c := range []struct {
			name string
			cmp  kernel.Cmp
		}{{"dsize", s.Dsize}, {"blen", s.BLen}, {"ttl", s.TTL}, {"itype", s.IType}, {"icode", s.ICode}} {
			if c.cmp.Op != kernel.CmpNone {
				d.printf(" %s %s", c.name, cmpText(c.cmp))
			}
		}
		if s.Flags.Mod != kernel.FlagsNone {
			d.printf(" flags mod %d set %#02x ignore %#02x", s.Flags.Mod, s.Flags.Set, s.Flags.Ignore)
		}
		if s.ItemCount > 0 {
			var refs []string
			for _, ref := range t.SlotItems[s.ItemStart : s.ItemStart+s.ItemCount] {
				if ref&kernel.ItemNegated != 0 {
					refs = append(refs, "!"+strconv.Itoa(int(ref&^kernel.ItemNegated)))
				} else {
					refs = append(refs, strconv.Itoa(int(ref)))
				}
			}
			d.printf(" items %s", strings.Join(refs, ","))
		}
		d.printf("\n")
	}
	for _, f := range []struct {
		name string
		list []kernel.PrefixBits
	}{{"src", t.SrcV4}, {"src", t.SrcV6}, {"dst", t.DstV4}, {"dst", t.DstV6}} {
		for _, p := range f.list {
			d.printf("%s %s: %s\n", f.name, p.Prefix, d.slots(p.Bits))
		}
	}
	d.protos()
	for _, f := range []struct {
		name    string
		classes []kernel.PortClass
		bits    []kernel.Bitset
	}{{"sport", t.SportClass, t.SportBits}, {"dport", t.DportClass, t.DportBits}} {
		for _, c := range f.classes {
			d.printf("%s %d-%d: class %d\n", f.name, c.Lo, c.Hi, c.Class)
		}
		for i, b := range f.bits {
			d.printf("%s class %d: %s\n", f.name, i, d.slots(b))
		}
	}
	for i, it := range t.Items {
		d.printf("item %d: %q nocase=%v offset=%d depth=%d startswith=%v endswith=%v",
			i, it.Pattern, it.Nocase, it.Offset, it.Depth, it.StartsWith, it.EndsWith)
		if it.Buffer != kernel.BufPayload {
			d.printf(" buffer=%s", it.Buffer)
		}
		if it.RestGE > 0 {
			d.printf(" rest>=%d", it.RestGE)
		}
		if it.RestLT > 0 {
			d.printf(" rest<%d", it.RestLT)
		}
		d.printf("\n")
	}
	a := t.Automaton
	d.printf("automaton: %d states, %d classes, %d outputs, longest output %d, sha256 %x\n",
		a.NStates, a.NClasses, len(a.OutItems), a.MaxOutput, automatonSum(a))
}

// protos prints runs of protocol numbers that share one slot set.
func (d *dumper) protos() {
	t := d.t
	start := 0
	for p := 1; p <= 256; p++ {
		if p < 256 && d.slots(t.Proto[p]) == d.slots(t.Proto[start]) {
			continue
		}
		if t.Proto[start] != nil {
			d.printf("proto %d-%d: %s\n", start, p-1, d.slots(t.Proto[start]))
		}
		start = p
	}
}

// slots prints a slot set as sorted runs: "0-3,7,9-10".
func (d *dumper) slots(b kernel.Bitset) string {
	var out []string
	for i := 0; i < d.t.NSlots; i++ {
		if !d.t.Has(b, i) {
			continue
		}
		j := i
		for j+1 < d.t.NSlots && d.t.Has(b, j+1) {
			j++
		}
		if j > i {
			out = append(out, strconv.Itoa(i)+"-"+strconv.Itoa(j))
		} else {
			out = append(out, strconv.Itoa(i))
		}
		i = j
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ",")
}

func cmpText(c kernel.Cmp) string {
	ops := map[kernel.CmpOp]string{kernel.CmpEq: "=", kernel.CmpNe: "!=", kernel.CmpLt: "<", kernel.CmpGt: ">", kernel.CmpLe: "<=", kernel.CmpGe: ">="}
	if c.Op == kernel.CmpRange {
		return fmt.Sprintf("%d<>%d", c.A, c.B)
	}
	return ops[c.Op] + strconv.Itoa(int(c.A))
}

// automatonSum fingerprints the class map, transitions and outputs.
func automatonSum(a kernel.Automaton) [32]byte {
	h := sha256.New()
	h.Write(a.Class[:])
	binary.Write(h, binary.LittleEndian, a.Delta)
	binary.Write(h, binary.LittleEndian, a.OutStart)
	binary.Write(h, binary.LittleEndian, a.OutItems)
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func joinInts(xs []uint32) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(int(x))
	}
	return strings.Join(parts, ",")
}
