package kernel

import (
	"testing"
)

// TestUserspacePrefilter: a userspace rule with a positive content on the
// payload or on dns.query gets a slot of its header and that content (the
// fast_pattern one, else the longest; pattern and case only); rules with
// the same header and content share it; other rules keep the plain shape.
func TestUserspacePrefilter(t *testing.T) {
	text := `alert dns any any -> any any (dns.query; content:"Evil"; offset:2; pcre:"/x/"; sid:1;)
alert dns any any -> any any (dns.query; dotprefix; content:".bad"; nocase; endswith; pcre:"/x/"; sid:2;)
alert udp any any -> any 53 (content:"ab"; content:"longer"; pcre:"/x/"; sid:3;)
alert udp any any -> any 53 (content:"ab"; fast_pattern; content:"longer"; pcre:"/x/"; sid:4;)
alert udp any any -> any 53 (content:"longer"; content:"ab"; pcre:"/x/"; sid:5;)
alert udp any any -> any 53 (content:!"neg"; pcre:"/x/"; sid:6;)
alert http any any -> any any (http.uri; content:"/a"; pcre:"/x/"; sid:7;)
alert dns any any -> any any (dns.query; to_lowercase; content:"low"; pcre:"/x/"; sid:8;)
`
	rules, tiers := compile(t, text)
	tab, err := Build(rules, tiers)
	if err != nil {
		t.Fatal(err)
	}
	slots := map[uint64][]int{}
	for i := range tab.ShapeRules {
		for _, r := range tab.ShapeRules[i] {
			sid := rules[r].Meta.SID
			slots[sid] = append(slots[sid], i)
		}
	}
	for _, c := range []struct {
		sid     uint64
		pattern string // "" for a plain shape slot
		nocase  bool
		buf     Buffer
	}{
		{1, "Evil", false, BufDNSQuery},
		{2, ".bad", true, BufDNSQueryDot},
		{3, "longer", false, BufPayload},
		{4, "ab", false, BufPayload},
		{5, "longer", false, BufPayload},
		{6, "", false, BufPayload},
		{7, "", false, BufPayload},
		{8, "", false, BufPayload},
	} {
		if len(slots[c.sid]) == 0 {
			t.Errorf("sid %d: no userspace slot", c.sid)
			continue
		}
		s := tab.Slots[slots[c.sid][0]]
		if !s.Userspace || s.Rule != NoRule {
			t.Errorf("sid %d: slot %+v is not a userspace shape", c.sid, s)
		}
		if c.pattern == "" {
			if s.ItemCount != 0 {
				t.Errorf("sid %d: %d items, want a plain shape", c.sid, s.ItemCount)
			}
			continue
		}
		if s.ItemCount != 1 || s.Buffer != c.buf {
			t.Errorf("sid %d: %d items on %s, want 1 on %s", c.sid, s.ItemCount, s.Buffer, c.buf)
			continue
		}
		ref := tab.SlotItems[s.ItemStart]
		it := tab.Items[ref]
		want := Item{Pattern: []byte(c.pattern), Nocase: c.nocase, Buffer: c.buf}
		if ref&ItemNegated != 0 || string(it.Pattern) != c.pattern || it.Nocase != want.Nocase || it.Buffer != want.Buffer ||
			it.Offset != 0 || it.Depth != 0 || it.StartsWith || it.EndsWith || it.RestGE != 0 || it.RestLT != 0 {
			t.Errorf("sid %d: item %+v (ref %x), want %+v", c.sid, it, ref, want)
		}
	}
	if len(slots[3]) != 1 || len(slots[5]) != 1 || slots[3][0] != slots[5][0] || slots[3][0] == slots[4][0] {
		t.Errorf("slots: sid 3 %v, sid 4 %v, sid 5 %v; want 3 and 5 to share theirs, 4 apart", slots[3], slots[4], slots[5])
	}
}
