package kernel

import (
	"strings"
	"testing"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

func TestValidate(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(*kernelgen.Tables)
		want  string
	}{
		{"no words", func(t *kernelgen.Tables) { t.NWords = 0 }, "bitset words"},
		{"too many words", func(t *kernelgen.Tables) { t.NWords, t.NSummary = 2049, 33 }, "bitset words"},
		{"summary", func(t *kernelgen.Tables) { t.NSummary = 2 }, "summary words"},
		{"slot count", func(t *kernelgen.Tables) { t.NSlots++ }, "slots"},
		{"bitset length", func(t *kernelgen.Tables) { t.Proto[6] = t.Proto[6][:1] }, "protocol 6"},
		{"prefix family", func(t *kernelgen.Tables) { t.SrcV4[0].Prefix = anyPrefixes[1] }, "wrong family"},
		{"port gap", func(t *kernelgen.Tables) { t.DportClass[1].Lo++ }, "destination port class"},
		{"port class id", func(t *kernelgen.Tables) { t.SportClass[0].Class = 99 }, "source port class"},
		{"pattern length", func(t *kernelgen.Tables) { t.Items[0].Pattern = make([]byte, 129) }, "pattern of 129 bytes"},
		{"slot items", func(t *kernelgen.Tables) { t.Slots[1].ItemCount = 99 }, "slot 1"},
		{"item reference", func(t *kernelgen.Tables) { t.SlotItems[0] = 99 | kernelgen.ItemNegated }, "item 99"},
		{"shape rules", func(t *kernelgen.Tables) { t.ShapeRules = [][]uint32{{7}} }, "header-shape rules"},
		{"item buffer", func(t *kernelgen.Tables) { t.Items[0].Buffer = kernelgen.BufDNSQuery }, "inspects dns.query"},
		{"slot buffer", func(t *kernelgen.Tables) { t.Slots[0].Buffer = 7 }, "buffer 7"},
		{"userspace items", func(t *kernelgen.Tables) { t.Slots[1].Userspace, t.Slots[1].ItemCount = true, 2 }, "userspace slot"},
		{"userspace negated item", func(t *kernelgen.Tables) {
			t.Slots[1].Userspace, t.Slots[1].ItemCount = true, 1
			t.SlotItems[t.Slots[1].ItemStart] |= kernelgen.ItemNegated
		}, "userspace slot"},
		{"userspace tls.sni", func(t *kernelgen.Tables) { t.Slots[1].Userspace, t.Slots[1].Buffer = true, kernelgen.BufTLSSNI }, "buffer 3"},
		{"transitions", func(t *kernelgen.Tables) { t.Automaton.Delta = t.Automaton.Delta[1:] }, "transitions"},
		{"target state", func(t *kernelgen.Tables) { t.Automaton.Delta[0] = 1 << 20 }, "to state"},
		{"class", func(t *kernelgen.Tables) { t.Automaton.Class['q'] = 200 }, "class 200"},
		{"outputs", func(t *kernelgen.Tables) { t.Automaton.OutItems[0] = 99 }, "item 99"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := build(testRules)
			if err := validate(tb, Options{}.withDefaults()); err != nil {
				t.Fatalf("valid tables: %v", err)
			}
			tc.spoil(tb)
			err := validate(tb, Options{}.withDefaults())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one about %q", err, tc.want)
			}
		})
	}
	if err := validate(build(testRules), Options{MaxScan: 5000}.withDefaults()); err == nil {
		t.Error("max scan 5000 accepted")
	}
}
