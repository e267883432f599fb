package ascii

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestEqualFold(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Host", "hOST", true},
		{"abc", "abd", false},
		{"\xff", "\xfe", false}, // invalid UTF-8 is not one rune
		{"k", "\u212a", false},  // no Unicode folding
		{"[", "{", false},
		{"@", "`", false},
		{"ab", "a", false},
	}
	for _, tc := range tests {
		if got := EqualFold([]byte(tc.a), []byte(tc.b)); got != tc.want {
			t.Errorf("EqualFold(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestIndexFold(t *testing.T) {
	tests := []struct {
		s, pat string
		want   int
	}{
		{"xxGeT /", "get", 2},
		{"get", "get", 0},
		{"ge", "get", -1},
		{"\xc9t\xe9", "\xe9", 2},
		{"", "a", -1},
		{"abc", "", 0},
	}
	for _, tc := range tests {
		if got := IndexFold([]byte(tc.s), []byte(tc.pat)); got != tc.want {
			t.Errorf("IndexFold(%q, %q) = %d, want %d", tc.s, tc.pat, got, tc.want)
		}
	}
}

func TestCaseCopies(t *testing.T) {
	if got := string(ToLower([]byte("AbC\xc9["))); got != "abc\xc9[" {
		t.Errorf("ToLower = %q", got)
	}
	if got := string(ToUpper([]byte("aBc\xe9{"))); got != "ABC\xe9{" {
		t.Errorf("ToUpper = %q", got)
	}
}

// TestIndexFoldAgainstScan compares IndexFold with a scan at every
// position over a small alphabet, so that candidates of both cases, anchors
// and overlaps are frequent.
func TestIndexFoldAgainstScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbB \t/\xc9\xe9@`[{"
	gen := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return b
	}
	scan := func(s, pat []byte) int {
		for i := 0; i+len(pat) <= len(s); i++ {
			if EqualFold(s[i:i+len(pat)], pat) {
				return i
			}
		}
		return -1
	}
	for range 200000 {
		s, pat := gen(rng.IntN(24)), ToLower(gen(1+rng.IntN(4)))
		if got, want := IndexFold(s, pat), scan(s, pat); got != want {
			t.Fatalf("IndexFold(%q, %q) = %d, want %d", s, pat, got, want)
		}
	}
}

func BenchmarkIndexFold(b *testing.B) {
	s := bytes.Repeat([]byte("GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n"), 64)
	for _, pat := range []string{"user-agent: curl", "x-forwarded-for", "cmd.exe"} {
		b.Run(pat, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if IndexFold(s, []byte(pat)) >= 0 {
					b.Fatal("found")
				}
			}
		})
	}
}
