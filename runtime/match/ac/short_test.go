package ac

import (
	"bytes"
	"math/bits"
	"slices"
	"testing"
)

// shortCandidates counts the short filter's candidates over text.
func shortCandidates(f *shortFilter, text []byte) int {
	n := 0
	s, j := uint64(0), 1
	for j+4 <= len(text) {
		var z uint32
		j, s, z = scanShort(f, text, j, s)
		if z != 0 {
			n += bits.OnesCount32(z)
			j += 4
		}
	}
	return n
}

// TestCaseDoesNotSpoil checks that the other-case spellings of
// case-sensitive short patterns are no candidates even beside caseless
// patterns of the same bytes: the pair table is exact for both kinds.
func TestCaseDoesNotSpoil(t *testing.T) {
	m, err := New([]Pattern{{Bytes: []byte("Host")}, {Bytes: []byte("GeT"), Nocase: true}, {Bytes: []byte("xyz")}})
	if err != nil {
		t.Fatal(err)
	}
	text := bytes.Repeat([]byte("hOST HOST host XYZ xYz "), 20)
	if n := shortCandidates(m.short, text); n != 0 {
		t.Errorf("%d candidates in a text of other-case spellings only", n)
	}
	text = append(bytes.Repeat([]byte("gEt Host "), 20), "    "...)
	if n := shortCandidates(m.short, text); n != 40 {
		t.Errorf("%d candidates, want 40 (every occurrence)", n)
	}
}

// TestBuckets checks the split of short patterns: lengths never share a
// bucket but 1 with 2 and 5 with 6, every pattern is in one bucket, and
// buckets follow the weighted counts.
func TestBuckets(t *testing.T) {
	var pats []Pattern
	var ids []uint32
	for i := range 1000 {
		n := []int{1, 2, 3, 4, 4, 4, 5, 5, 6, 6}[i%10]
		pats = append(pats, Pattern{Bytes: bytes.Repeat([]byte{byte(i)}, n)})
		ids = append(ids, uint32(i))
	}
	class := func(id uint32) int { return min(max(len(pats[id].Bytes), 2), 5) }
	got := assignBuckets(pats, ids)
	var all []uint32
	var classes []int
	for _, g := range got {
		if len(g) == 0 {
			t.Fatalf("empty bucket in %v", got)
		}
		for _, id := range g {
			if class(id) != class(g[0]) {
				t.Fatalf("bucket mixes lengths %d and %d", len(pats[g[0]].Bytes), len(pats[id].Bytes))
			}
		}
		classes = append(classes, class(g[0]))
		all = append(all, g...)
	}
	slices.Sort(all)
	if !slices.Equal(all, ids) {
		t.Fatalf("buckets hold %d patterns, want each of %d once", len(all), len(ids))
	}
	// counts 200, 100, 300, 400, weighted 200, 200, 600, 400
	if want := []int{2, 2, 3, 4, 4, 4, 5, 5}; !slices.Equal(classes, want) {
		t.Errorf("bucket classes %v, want %v", classes, want)
	}
}

// FuzzFind compares the matcher with naive search on patterns cut from
// the fuzzer's bytes: the first byte gives the number of patterns, each
// next byte a length (low 4 bits, plus one) and the nocase flag (bit 4)
// of a pattern taken from the text, which is the rest.
func FuzzFind(f *testing.F) {
	f.Add([]byte("\x03\x01\x13\x05hello HELLO hElLo"))
	f.Add([]byte("\x02\x00\x10a"))
	f.Add([]byte("\x04\x0b\x1f\x03\x14GET /index.html HTTP/1.1\r\nHost: x\r\n"))
	f.Add([]byte("\x01\x09\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		n := int(data[0]%16) + 1
		if len(data) < 1+n {
			return
		}
		spec, text := data[1:1+n], data[1+n:]
		var pats []Pattern
		for i, c := range spec {
			l := int(c&15) + 1
			at := 0
			if len(text) > 0 {
				at = (i * 7) % len(text)
			}
			b := bytes.Clone(text[at:min(at+l, len(text))])
			if len(b) == 0 {
				b = []byte{c}
			}
			pats = append(pats, Pattern{Bytes: b, Nocase: c&16 != 0})
		}
		m, err := New(pats)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := findAll(m, text), naive(pats, text); !slices.Equal(got, want) {
			t.Fatalf("patterns %v text %q: got %v, want %v", pats, text, got, want)
		}
	})
}

// TestSpread checks that patterns sharing their pairs share a bucket:
// two families over disjoint alphabets in two buckets, one each.
func TestSpread(t *testing.T) {
	var pats []Pattern
	var ids []uint32
	for i := range 16 {
		alpha := "ab"
		if i%2 == 1 {
			alpha = "xy"
		}
		b := []byte{alpha[i>>1&1], alpha[i>>2&1], alpha[i>>3&1], alpha[0]}
		pats = append(pats, Pattern{Bytes: b})
		ids = append(ids, uint32(i))
	}
	for _, g := range spread(pats, ids, 2) {
		if len(g) != 8 {
			t.Fatalf("buckets %v, want the two families apart", spread(pats, ids, 2))
		}
		for _, id := range g {
			if id%2 != g[0]%2 {
				t.Fatalf("bucket %v mixes the families", g)
			}
		}
	}
}

// TestCoarseTable checks the small pair table of a small set: a
// one-byte pattern, which admits every byte before it, admits no other
// later byte, so text without that byte gives no candidates.
func TestCoarseTable(t *testing.T) {
	m, err := New([]Pattern{{Bytes: []byte{0}}, {Bytes: []byte("q\xff")}, {Bytes: []byte("zzz"), Nocase: true}})
	if err != nil {
		t.Fatal(err)
	}
	if m.short.shift == 0 {
		t.Fatal("a set of three patterns has the full pair table")
	}
	var text []byte
	for i := range 400 {
		text = append(text, byte(' '+i%90))
	}
	if n := shortCandidates(m.short, text); n != 0 {
		t.Errorf("%d candidates in printable text without the patterns", n)
	}
	if got := findAll(m, []byte("a\x00q\xffZzZ")); !slices.Equal(got, []hit{{0, 2}, {1, 4}, {2, 7}}) {
		t.Errorf("got %v", got)
	}
}
