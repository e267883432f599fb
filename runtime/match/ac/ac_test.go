package ac

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

type hit struct{ id, end int }

func findAll(m *Matcher, text []byte) []hit {
	hits := []hit{}
	m.Find(text, func(id, end int) bool {
		hits = append(hits, hit{id, end})
		return true
	})
	slices.SortFunc(hits, func(a, b hit) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return a.id - b.id
	})
	return hits
}

// naive finds every occurrence by comparing at each position.
func naive(pats []Pattern, text []byte) []hit {
	hits := []hit{}
	for end := 1; end <= len(text); end++ {
		for id, p := range pats {
			n := len(p.Bytes)
			if n > end {
				continue
			}
			w := text[end-n : end]
			if bytes.Equal(w, p.Bytes) || p.Nocase && bytes.EqualFold(w, p.Bytes) {
				hits = append(hits, hit{id, end})
			}
		}
	}
	return hits
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		pats []Pattern
		text string
		want []hit
	}{
		{"classic", []Pattern{{Bytes: []byte("he")}, {Bytes: []byte("she")}, {Bytes: []byte("his")}, {Bytes: []byte("hers")}},
			"ushers", []hit{{1, 4}, {0, 4}, {3, 6}}},
		{"overlap", []Pattern{{Bytes: []byte("aa")}}, "aaaa", []hit{{0, 2}, {0, 3}, {0, 4}}},
		{"longer than the key", []Pattern{{Bytes: []byte("0123456789abcdefXY")}, {Bytes: []byte("0123456789ABCDEFxz"), Nocase: true}},
			"0123456789abcdefXY 0123456789abcdefXZ 0123456789abcdef", []hit{{0, 18}, {1, 37}}},
		{"nocase", []Pattern{{Bytes: []byte("GeT"), Nocase: true}}, "xget GET", []hit{{0, 4}, {0, 8}}},
		{"case-sensitive confirmed in a folded automaton", []Pattern{{Bytes: []byte("Host")}, {Bytes: []byte("x"), Nocase: true}},
			"host Host HOST", []hit{{0, 9}}},
		{"binary", []Pattern{{Bytes: []byte{0, 0xff, 0}}, {Bytes: []byte{0xff}}}, "\x00\xff\x00\xff", []hit{{1, 2}, {0, 3}, {1, 4}}},
		{"duplicates", []Pattern{{Bytes: []byte("ab")}, {Bytes: []byte("ab")}}, "ab", []hit{{0, 2}, {1, 2}}},
		{"no match", []Pattern{{Bytes: []byte("needle")}}, "haystack", []hit{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := New(tc.pats)
			if err != nil {
				t.Fatal(err)
			}
			got := findAll(m, []byte(tc.text))
			slices.SortFunc(tc.want, func(a, b hit) int {
				if a.end != b.end {
					return a.end - b.end
				}
				return a.id - b.id
			})
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if m.Contains([]byte(tc.text)) != (len(tc.want) > 0) {
				t.Errorf("Contains = %v", !(len(tc.want) > 0))
			}
		})
	}
}

func TestEmptyPattern(t *testing.T) {
	if _, err := New([]Pattern{{Bytes: []byte("a")}, {}}); !errors.Is(err, ErrEmpty) {
		t.Fatalf("err = %v, want ErrEmpty", err)
	}
}

func TestAllBytesUsed(t *testing.T) {
	var pats []Pattern
	for c := range 256 {
		pats = append(pats, Pattern{Bytes: []byte{byte(c), byte(255 - c)}})
	}
	m, err := New(pats)
	if err != nil {
		t.Fatal(err)
	}
	if m.Classes() != 256 {
		t.Errorf("classes = %d, want 256", m.Classes())
	}
	text := []byte{3, 252, 255, 0}
	if got, want := findAll(m, text), naive(pats, text); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestRandom compares the automaton with naive search on random pattern
// sets over a small alphabet, where overlaps and shared suffixes abound;
// half the patterns are cut from the text, some longer than MaxKey, and
// texts are long enough to be walked in segments.
func TestRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alpha := []byte("abAB\x00\xff")
	word := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		return b
	}
	for range 500 {
		text := word(rng.IntN(2 * minSplit))
		pats := make([]Pattern, 1+rng.IntN(12))
		for i := range pats {
			pats[i] = Pattern{Bytes: word(1 + rng.IntN(4)), Nocase: rng.IntN(2) == 0}
			if n := 1 + rng.IntN(MaxKey+8); i%2 == 0 && len(text) > n {
				at := rng.IntN(len(text) - n)
				pats[i].Bytes = text[at : at+n]
			}
		}
		m, err := New(pats)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := findAll(m, text), naive(pats, text); !slices.Equal(got, want) {
			t.Fatalf("patterns %v text %q: got %v, want %v", pats, text, got, want)
		}
	}
}

func TestStopEarly(t *testing.T) {
	m, err := New([]Pattern{{Bytes: []byte("a")}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	m.Find([]byte("aaaa"), func(int, int) bool {
		n++
		return n < 2
	})
	if n != 2 {
		t.Errorf("hit called %d times, want 2", n)
	}
}
