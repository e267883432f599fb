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
			if bytes.Equal(w, p.Bytes) || p.Nocase && bytes.Equal(asciiUpper(w), asciiUpper(p.Bytes)) {
				hits = append(hits, hit{id, end})
			}
		}
	}
	return hits
}

// asciiUpper upper-cases a-z only, leaving every other byte alone.
func asciiUpper(b []byte) []byte {
	out := bytes.Clone(b)
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 32
		}
	}
	return out
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
		pats = append(pats, Pattern{Bytes: []byte{byte(c), byte(255 - c)}}, Pattern{Bytes: []byte{byte(c), 1, 2, byte(c)}, Nocase: c%2 == 0})
	}
	m, err := New(pats)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte{3, 252, 255, 0, 'A', 1, 2, 'a', 'B', 1, 2, 'B', 'b', 1, 2, 'B'}
	if got, want := findAll(m, text), naive(pats, text); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestRandom compares the matcher with naive search on random pattern
// sets over small alphabets, where overlaps, shared prefixes and hash
// collisions abound: caseless and case-sensitive patterns of 1 to 20
// bytes mixed, half of them cut from the text (so many hits, some at the
// very start and end), texts of every length around the four-byte steps
// of the scans, letters whose case differs only in bit 5 next to bytes
// that fold onto one another under that bit (@ and `, [ and {), and
// binary bytes.
func TestRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := [][]byte{
		[]byte("abAB\x00\xff"),
		[]byte("aA@`[{zZ\x00\x01\x80\xc1\xe1"),
		[]byte("abcdefgABCDEFG0123 \r\n"),
	}
	for iter := range 3000 {
		alpha := alphabets[iter%len(alphabets)]
		word := func(n int) []byte {
			b := make([]byte, n)
			for i := range b {
				b[i] = alpha[rng.IntN(len(alpha))]
			}
			return b
		}
		n := rng.IntN(40)
		if iter%10 == 0 {
			n = rng.IntN(600)
		}
		text := word(n)
		pats := make([]Pattern, 1+rng.IntN(60))
		for i := range pats {
			pats[i] = Pattern{Bytes: word(1 + rng.IntN(6)), Nocase: rng.IntN(2) == 0}
			if l := 1 + rng.IntN(20); i%2 == 0 && len(text) >= l {
				at := rng.IntN(len(text) - l + 1)
				if rng.IntN(4) == 0 {
					at = len(text) - l
				}
				pats[i].Bytes = bytes.Clone(text[at : at+l])
				if pats[i].Nocase && rng.IntN(2) == 0 {
					pats[i].Bytes = asciiUpper(pats[i].Bytes)
				}
			}
		}
		if iter%7 == 0 {
			// enough short patterns for a pair table indexed by the
			// pair itself
			for range exactMin {
				pats = append(pats, Pattern{Bytes: word(1 + rng.IntN(shortMax)), Nocase: rng.IntN(2) == 0})
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

// TestRandomLarge checks sets of thousands of patterns, where the
// filter and the slot table are full enough for collisions.
func TestRandomLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alpha := []byte("abcdeABCDE/.:\x00\xff")
	word := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		return b
	}
	for range 3 {
		text := word(2000)
		pats := make([]Pattern, 3000)
		for i := range pats {
			l := 1 + rng.IntN(12)
			pats[i] = Pattern{Bytes: word(l), Nocase: rng.IntN(3) == 0}
			if i%4 == 0 {
				at := rng.IntN(len(text) - l + 1)
				pats[i].Bytes = bytes.Clone(text[at : at+l])
			}
		}
		m, err := New(pats)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := findAll(m, text), naive(pats, text); !slices.Equal(got, want) {
			t.Fatalf("got %d hits, want %d", len(got), len(want))
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
