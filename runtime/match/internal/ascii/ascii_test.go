package ascii

import "testing"

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
