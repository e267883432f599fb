package kernel

import (
	"bytes"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
)

func compile(t *testing.T, text string) ([]*ir.Rule, []lower.Tier) {
	t.Helper()
	rules, errs, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(text))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	tiers := make([]lower.Tier, len(rules))
	for i, r := range rules {
		tiers[i] = lower.Decide(r).Tier
	}
	return rules, tiers
}

const headerRules = `alert tcp $HOME_NET any -> $EXTERNAL_NET [80,443,8000:8080] (sid:1;)
alert udp any any <> 10.1.0.0/16 53 (sid:2;)
drop ip [1.2.3.0/24,!1.2.3.4] any -> any any (sid:3;)
alert icmp any any -> any any (itype:8; sid:4;)
pass tcp 2001:db8::/32 any -> any ![22,23] (sid:5;)
alert http any any -> any any (http.uri; content:"/x"; sid:6;)
alert tcp any :1023 -> 192.168.1.1 any (sid:7;)
`

// TestCandidatesMatchHeaders checks the bitset lookup against a direct
// evaluation of every slot's header on random tuples.
func TestCandidatesMatchHeaders(t *testing.T) {
	rules, tiers := compile(t, headerRules)
	tab, err := Build(rules, tiers)
	if err != nil {
		t.Fatal(err)
	}
	type dir struct {
		src, dst     ir.AddrSet
		sport, dport ir.PortSet
		l4           string
	}
	var dirs []dir
	shapes := map[string]bool{}
	for i, r := range rules {
		h := r.Header
		fwd := slotHeader{h.Src, h.Dst, h.SrcPorts, h.DstPorts, nil, h.Proto.L4}
		for n, sh := range []slotHeader{fwd, fwd.reversed()} {
			if tiers[i] == lower.Userspace {
				if shapes[sh.key()] {
					continue
				}
				shapes[sh.key()] = true
			} else if n == 1 && !h.Bidir {
				continue
			}
			dirs = append(dirs, dir{sh.src, sh.dst, sh.sport, sh.dport, sh.l4})
		}
	}
	if len(dirs) != tab.NSlots {
		t.Fatalf("%d slots, want %d", tab.NSlots, len(dirs))
	}
	addrs := []string{"10.0.0.1", "10.1.2.3", "192.168.1.1", "8.8.8.8", "1.2.3.4", "1.2.3.5", "2001:db8::1", "2001:db9::1", "172.16.0.9"}
	protos := []uint8{1, 6, 17, 58, 47}
	ports := []uint16{0, 22, 23, 53, 80, 443, 1023, 1024, 8000, 8080, 8081, 65535}
	look := NewLookup(tab)
	rnd := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		src := netip.MustParseAddr(addrs[rnd.IntN(len(addrs))])
		dst := netip.MustParseAddr(addrs[rnd.IntN(len(addrs))])
		proto := protos[rnd.IntN(len(protos))]
		sp, dp := ports[rnd.IntN(len(ports))], ports[rnd.IntN(len(ports))]
		var want []int
		for i, d := range dirs {
			if d.src.Contains(src) && d.dst.Contains(dst) && d.sport.Contains(sp) && d.dport.Contains(dp) && slices.Contains(protoNumbers(d.l4), int(proto)) {
				want = append(want, i)
			}
		}
		if got := look.Candidates(src, dst, proto, sp, dp); !slices.Equal(got, want) {
			t.Fatalf("%v:%d -> %v:%d proto %d: got %v, want %v", src, sp, dst, dp, proto, got, want)
		}
	}
}

// TestAutomatonFindsEveryOccurrence walks random texts and compares the
// outputs with a naive search for every folded pattern.
func TestAutomatonFindsEveryOccurrence(t *testing.T) {
	pats := [][]byte{[]byte("he"), []byte("she"), []byte("His"), []byte("hers"), []byte("s"), []byte("\x00\xff"), []byte("aaa")}
	var items []Item
	for _, p := range pats {
		items = append(items, Item{Pattern: p, Nocase: true})
	}
	a, err := buildAutomaton(items)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("hesiSHrRa\x00\xff!")
	for n := 0; n < 2000; n++ {
		text := make([]byte, rnd.IntN(40))
		for i := range text {
			text[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		type hit struct{ end, item int }
		var got, want []hit
		state := uint32(0)
		for i, c := range text {
			next := a.Delta[int(state)*a.NClasses+int(a.Class[c])]
			state = next &^ AcceptBit
			if next&AcceptBit != 0 {
				for _, it := range a.OutItems[a.OutStart[state]:a.OutStart[state+1]] {
					got = append(got, hit{i + 1, int(it)})
				}
			} else if a.OutStart[state] != a.OutStart[state+1] {
				t.Fatal("accepting state reached without AcceptBit")
			}
		}
		for i := 1; i <= len(text); i++ {
			for id, p := range pats {
				if i >= len(p) && foldEqual(text[i-len(p):i], p) {
					want = append(want, hit{i, id})
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
	}
}

func TestBuildDeterministicAndItems(t *testing.T) {
	text := `alert udp any any -> any 53 (content:"ABC"; offset:2; depth:10; content:!"zz"; nocase; dsize:>5; sid:1;)
alert udp any any -> any 53 (content:"ABC"; offset:2; depth:10; sid:2;)
alert tcp any any -> any any (flags:SA+,12; ttl:<10; sid:3;)
alert icmp any any -> any any (itype:8; icode:0; content:"ping"; startswith; sid:4;)`
	rules, tiers := compile(t, text)
	a, err := Build(rules, tiers)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Build(rules, tiers)
	if !slices.EqualFunc(a.Items, b.Items, func(x, y Item) bool { return bytes.Equal(x.Pattern, y.Pattern) }) || !slices.Equal(a.Automaton.Delta, b.Automaton.Delta) {
		t.Error("Build is not deterministic")
	}
	if len(a.Items) != 3 {
		t.Fatalf("items = %+v, want ABC shared by sids 1 and 2, zz, ping", a.Items)
	}
	s0 := a.Slots[0]
	if got := a.SlotItems[s0.ItemStart : s0.ItemStart+s0.ItemCount]; !slices.Equal(got, []uint32{0, 1 | ItemNegated}) {
		t.Errorf("slot 0 items = %v", got)
	}
	if s0.Dsize != (Cmp{Op: CmpGt, A: 5}) {
		t.Errorf("dsize = %+v", s0.Dsize)
	}
	if f := a.Slots[2].Flags; f != (Flags{Mod: FlagsPlus, Set: 0x12, Ignore: 0xc0}) {
		t.Errorf("flags = %+v", f)
	}
	if it := a.Items[2]; !it.StartsWith || it.Offset != 0 || it.Depth != 4 {
		t.Errorf("startswith item = %+v", it)
	}
}

// TestUserspaceShapesShared checks that userspace rules share one slot
// per distinct header and direction, and that each shape lists the rules
// whose header it is (both shapes for a bidirectional rule).
func TestUserspaceShapesShared(t *testing.T) {
	text := `alert http $HOME_NET any -> $EXTERNAL_NET any (http.uri; content:"/a"; sid:1;)
alert http $HOME_NET any -> $EXTERNAL_NET any (http.uri; content:"/b"; sid:2;)
alert tcp $HOME_NET any <> $EXTERNAL_NET 25 (flowbits:isset,x; sid:3;)
alert udp any any -> any 53 (content:"a"; sid:4;)
alert tcp $EXTERNAL_NET any -> $HOME_NET any (flow:to_server; pcre:"/x/"; sid:5;)`
	rules, tiers := compile(t, text)
	tab, err := Build(rules, tiers)
	if err != nil {
		t.Fatal(err)
	}
	var user []int
	for i, s := range tab.Slots {
		if s.Userspace {
			user = append(user, i)
			if s.Rule != NoRule {
				t.Errorf("userspace slot %d names rule %d", i, s.Rule)
			}
		}
	}
	// sids 1, 2: one shape and its reverse; sid 3: two more; sid 5 is
	// the reverse of sids 1 and 2 (tcp, any ports).
	if len(user) != 4 {
		t.Fatalf("userspace slots %v, want 4", user)
	}
	want := [][]uint32{{0, 1}, {4}, {2}, {2}}
	for n, slot := range user {
		var got []uint32
		if slot < len(tab.ShapeRules) {
			got = tab.ShapeRules[slot]
		}
		if !slices.Equal(got, want[n]) {
			t.Errorf("shape slot %d rules %v, want %v", slot, got, want[n])
		}
	}
}

func foldEqual(a, b []byte) bool {
	for i := range a {
		if fold(a[i]) != fold(b[i]) {
			return false
		}
	}
	return true
}
