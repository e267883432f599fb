package pcre

import (
	"errors"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, flags, subject string
		want                    bool
		backtrack               bool
	}{
		{`\xff\x80`, "", "a\xff\x80", true, false},
		{`^.$`, "", "\xff", true, false},
		{`^[\x80-\xff]{2}$`, "", "\xc3\xa9", true, false},
		{`abc`, "i", "xABCx", true, false},
		{`\xe9`, "i", "\xc9", false, false}, // only ASCII letters fold
		{`[a-c]+z`, "i", "ABCZ", true, false},
		{`[^a]`, "i", "A", false, false},
		{`\w`, "", "\xe9", false, false},
		{`\s`, "", "\v", true, false},
		{`\S`, "", "\v", false, false},
		{`[\S]`, "", "\v", false, false},
		{`[[:^space:]x]`, "", "\v", false, false},
		{`\h`, "", "\xa0", true, false},
		{`a.c`, "", "a\nc", false, false},
		{`a.c`, "s", "a\nc", true, false},
		{`abc$`, "", "abc\n", true, false},
		{`abc$`, "", "abc\n\n", false, false},
		{`abc$`, "E", "abc\n", false, false},
		{`abc$`, "m", "abc\ndef", true, false},
		{`^def`, "m", "abc\ndef", true, false},
		{`^def`, "", "abc\ndef", false, false},
		{`abc\Z`, "", "abc\n", true, false},
		{`a$\n`, "", "a\n", true, true},
		{`a b # comment` + "\n" + `c`, "x", "abc", true, false},
		{`[ ]b`, "x", " b", true, false},
		{`foo(?!bar)`, "", "foobar", false, true},
		{`foo(?!bar)`, "", "foobaz", true, true},
		{`(?<=x)foo`, "", "xfoo", true, true},
		{`(a)\1`, "", "aa", true, true},
		{`(a)\1`, "i", "aA", true, true},
		{`(?P<q>['"])x(?P=q)`, "", `"x"`, true, true},
		{`(?<q>a)\k<q>`, "", `aa`, true, true},
		{`a++a`, "", "aaa", false, true},
		{`(?>a+)b`, "", "aab", true, true},
		{`\101\x42\x{43}\cD`, "", "ABC\x04", true, false},
		{`(a)\12`, "", "a\n", true, false},
		{`\Qa.b\E+`, "", "a.bbb", true, false},
		{`\Qa.b\E`, "", "axb", false, false},
		{`(?i)get`, "", "GET", true, false},
		{`a(?i)b|c`, "", "C", true, false},
		{`(a(?i)b)c`, "", "aBC", false, false},
		{`(?i:a)b`, "", "Ab", true, false},
		{`a{2000}`, "", "a", false, true},
		{`\bfoo\b`, "", "a foo.", true, false},
		{`x{,2}`, "", "x{,2}", true, false},
		{`\R`, "", "\r\n", true, true},
	}
	for _, tc := range tests {
		r, err := Compile(tc.pattern, tc.flags)
		if err != nil {
			t.Errorf("/%s/%s: %v", tc.pattern, tc.flags, err)
			continue
		}
		if r.Backtracking() != tc.backtrack {
			t.Errorf("/%s/%s: backtracking = %v, want %v (%s)", tc.pattern, tc.flags, r.Backtracking(), tc.backtrack, r)
		}
		got, err := r.Match([]byte(tc.subject))
		if err != nil || got != tc.want {
			t.Errorf("/%s/%s on %q = %v, %v; want %v (%s)", tc.pattern, tc.flags, tc.subject, got, err, tc.want, r)
		}
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		pattern, flags, subject string
		from                    int
		found                   bool
		start, end              int
	}{
		{`abc$`, "", "xabc\n", 0, true, 1, 4},
		{`abc$`, "", "xabc", 0, true, 1, 4},
		{`(?:abc$|d$)`, "", "d\n", 0, true, 0, 1},
		{`a+`, "G", "aaa", 0, true, 0, 1},
		{`a+?`, "G", "aaa", 0, true, 0, 3},
		{`b`, "A", "ab", 0, false, 0, 0},
		{`b`, "A", "ab", 1, true, 1, 2},
		{`b`, "A", "abb", 2, true, 2, 3},
		{`\bfoo`, "", "xfoo foo", 1, true, 5, 8},
		{`^foo`, "", "foofoo", 1, false, 0, 0},
		{`^foo`, "m", "x\nfoo", 1, true, 2, 5},
		{`a.`, "", "abac", 1, true, 2, 4},
		{`(?<=b)a`, "", "ba", 1, true, 1, 2},
		{`\Ga`, "", "xa", 1, true, 1, 2},
		{`\Ga`, "", "xxa", 1, false, 0, 0},
		{`x$`, "", "x\n", 1, false, 0, 0},
		{`\n$`, "", "x\n", 1, true, 1, 2},
	}
	for _, tc := range tests {
		r, err := Compile(tc.pattern, tc.flags)
		if err != nil {
			t.Errorf("/%s/%s: %v", tc.pattern, tc.flags, err)
			continue
		}
		start, end, found, err := r.Find([]byte(tc.subject), tc.from)
		if err != nil || found != tc.found || found && (start != tc.start || end != tc.end) {
			t.Errorf("/%s/%s on %q from %d = %d,%d,%v,%v; want %d,%d,%v (%s)",
				tc.pattern, tc.flags, tc.subject, tc.from, start, end, found, err, tc.start, tc.end, tc.found, r)
		}
	}
}

func TestCapture(t *testing.T) {
	tests := []struct {
		pattern, subject, want string
		found                  bool
	}{
		{`id=(\d+)`, "x id=42&", "42", true},
		{`id=\d+`, "x id=42&", "id=42", true},
		{`(?<=id=)(\d+)`, "id=7", "7", true},
		{`nope(x)`, "id=7", "", false},
	}
	for _, tc := range tests {
		r, err := Compile(tc.pattern, "")
		if err != nil {
			t.Fatal(err)
		}
		got, found, err := r.Capture([]byte(tc.subject))
		if err != nil || found != tc.found || string(got) != tc.want {
			t.Errorf("/%s/ on %q = %q, %v, %v; want %q", tc.pattern, tc.subject, got, found, err, tc.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		pattern, flags string
		want           error
	}{
		{`(?R)`, "", ErrUnsupported},
		{`(?(1)a|b)`, "", ErrUnsupported},
		{`(*UTF)a`, "", ErrUnsupported},
		{`a\Kb`, "", ErrUnsupported},
		{`\p{L}`, "", ErrUnsupported},
		{`\x{100}`, "", ErrUnsupported},
		{`(a`, "", ErrSyntax},
		{`a)`, "", ErrSyntax},
		{`*a`, "", ErrSyntax},
		{`a**`, "", ErrSyntax},
		{`[a`, "", ErrSyntax},
		{`[z-a]`, "", ErrSyntax},
		{`\k<nope>`, "", ErrSyntax},
		{`\2(a)`, "", ErrSyntax},
		{`a`, "q", ErrFlag},
	}
	for _, tc := range tests {
		if _, err := Compile(tc.pattern, tc.flags); !errors.Is(err, tc.want) {
			t.Errorf("/%s/%s: err = %v, want %v", tc.pattern, tc.flags, err, tc.want)
		}
	}
}

func TestTimeout(t *testing.T) {
	r, err := Compile(`^(a+)+(?=b)`, "")
	if err != nil {
		t.Fatal(err)
	}
	subject := make([]byte, 40)
	for i := range subject {
		subject[i] = 'a'
	}
	if ok, err := r.Match(subject); ok || err == nil {
		t.Errorf("catastrophic pattern = %v, %v; want a timeout error", ok, err)
	}
}
