package operator

import (
	"errors"
	"slices"
	"testing"
)

func TestOperators(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		arg  string // the expanded argument, for Dynamic specs
		in   string
		want bool
	}{
		{"rx", Spec{Arg: `(?i)<script`}, "", "x<SCRIPT>", true},
		{"rx", Spec{Arg: `^a.c$`}, "", "a\nc", true},
		{"rx", Spec{Arg: `^b$`}, "", "a\nb\nc", true},
		{"rx", Spec{Arg: `\x{c2}\x{b4}`}, "", "x\xc2\xb4y", true},
		{"rx", Spec{Arg: `[^\x00-\x7f]`}, "", "\xff", true},
		{"rx", Spec{Arg: `abc`}, "", "ab", false},
		{"rx", Spec{Arg: "%{tx.p}", Dynamic: true}, "^fo+$", "foo", true},
		{"rx", Spec{Arg: "%{tx.p}", Dynamic: true}, "(", "(", false},
		{"pm", Spec{Phrases: []string{"union", "SELECT"}}, "", "1 UNION x", true},
		{"pm", Spec{Phrases: []string{"union", "select"}}, "", "onion", false},
		{"pmFromFile", Spec{Phrases: []string{"/etc/passwd"}}, "", "cat /ETC/PASSWD", true},
		{"contains", Spec{Arg: "abc"}, "", "xabcx", true},
		{"contains", Spec{Arg: "ABC"}, "", "xabcx", false},
		{"strmatch", Spec{Arg: "bc"}, "", "abcd", true},
		{"containsWord", Spec{Arg: "cat"}, "", "concat cat", true},
		{"containsWord", Spec{Arg: "cat"}, "", "concat cats", false},
		{"beginsWith", Spec{Arg: "GET"}, "", "GET /", true},
		{"endsWith", Spec{Arg: ".php"}, "", "a.php", true},
		{"endsWith", Spec{Arg: "%{request_headers.host}", Dynamic: true}, "example.com", "www.example.com", true},
		{"streq", Spec{Arg: "POST"}, "", "POST", true},
		{"streq", Spec{Arg: "POST"}, "", "post", false},
		{"within", Spec{Arg: "GET HEAD POST"}, "", "HEAD", true},
		{"within", Spec{Arg: "%{tx.m}", Dynamic: true}, "GET POST", "PUT", false},
		{"eq", Spec{Arg: "0"}, "", "", true},
		{"eq", Spec{Arg: "5"}, "", " 5abc", true},
		{"ge", Spec{Arg: "%{tx.t}", Dynamic: true}, "5", "5", true},
		{"gt", Spec{Arg: "5"}, "", "5", false},
		{"le", Spec{Arg: "-1"}, "", "-2", true},
		{"lt", Spec{Arg: "2"}, "", "1", true},
		{"ipMatch", Spec{Phrases: []string{"127.0.0.1", "10.0.0.0/8", "::1"}}, "", "10.2.3.4", true},
		{"ipMatch", Spec{Arg: "192.168.0.0/16"}, "", "::ffff:192.168.1.1", true},
		{"ipMatch", Spec{Phrases: []string{"127.0.0.1"}}, "", "not an address", false},
		{"ipMatchFromFile", Spec{Phrases: []string{"2001:db8::/32"}}, "", "2001:db8::5", true},
		{"validateByteRange", Spec{Ranges: [][2]byte{{32, 126}}}, "", "ok text", false},
		{"validateByteRange", Spec{Ranges: [][2]byte{{32, 126}}}, "", "tab\there", true},
		{"validateUrlEncoding", Spec{}, "", "a%20b", false},
		{"validateUrlEncoding", Spec{}, "", "a%2", true},
		{"validateUrlEncoding", Spec{}, "", "a%zz", true},
		{"validateUtf8Encoding", Spec{}, "", "h\xc3\xa9", false},
		{"validateUtf8Encoding", Spec{}, "", "h\xc3", true},
		{"detectSQLi", Spec{}, "", "1' OR '1'='1", true},
		{"detectSQLi", Spec{}, "", "hello world", false},
		{"detectXSS", Spec{}, "", "<script>alert(1)</script>", true},
		{"detectXSS", Spec{}, "", "hello world", false},
		{"unconditionalMatch", Spec{}, "", "", true},
		{"noMatch", Spec{}, "", "x", false},
		{"rbl", Spec{Arg: "sbl.example"}, "", "1.2.3.4", false},
	}
	for _, tt := range tests {
		op, err := New(tt.name, tt.spec)
		if err != nil {
			t.Fatalf("%s %+v: %v", tt.name, tt.spec, err)
		}
		c := &Call{Arg: tt.arg}
		if got := op.Match(c, tt.in); got != tt.want {
			t.Errorf("@%s %+v on %q = %v, want %v", tt.name, tt.spec, tt.in, got, tt.want)
		}
	}
}

func TestCapture(t *testing.T) {
	tests := []struct {
		name   string
		spec   Spec
		in     string
		groups []string
		reset  bool
	}{
		{"rx", Spec{Arg: `(\d+)-(\d+)?`}, "x 12- y", []string{"12-", "12", ""}, true},
		{"rx", Spec{Arg: `b+`}, "abbbc", []string{"bbb"}, true},
		{"pm", Spec{Phrases: []string{"Select"}}, "1 SELECT 2", []string{"SELECT"}, false},
		{"detectSQLi", Spec{}, "1' OR '1'='1", []string{"s&sos"}, false},
	}
	for _, tt := range tests {
		op, err := New(tt.name, tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		c := &Call{Capture: true}
		if !op.Match(c, tt.in) {
			t.Fatalf("@%s on %q: no match", tt.name, tt.in)
		}
		if got := c.Groups[:c.NGroups]; !slices.Equal(got, tt.groups) || c.Reset != tt.reset {
			t.Errorf("@%s on %q: groups %q reset %v, want %q reset %v", tt.name, tt.in, got, c.Reset, tt.groups, tt.reset)
		}
	}
}

func TestBadSpecs(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		want error
	}{
		{"rx", Spec{Arg: `(unclosed`}, ErrArg},
		{"pm", Spec{Arg: "%{tx.x}", Dynamic: true}, ErrArg},
		{"eq", Spec{Arg: " "}, ErrArg},
		{"ipMatch", Spec{Arg: "300.1.1.1"}, ErrArg},
		{"verifyCC", Spec{Arg: "x"}, ErrUnknown},
	}
	for _, tt := range tests {
		if _, err := New(tt.name, tt.spec); !errors.Is(err, tt.want) {
			t.Errorf("New(%s, %+v) = %v, want %v", tt.name, tt.spec, err, tt.want)
		}
	}
}

func TestAtoi(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "12": 12, " -7x": -7, "+3": 3, "abc": 0, "\t42 ": 42} {
		if got := Atoi(in); got != want {
			t.Errorf("Atoi(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestNames checks that every operator the SecLang compiler accepts
// (compiler/seclang/op_*.go) runs.
func TestNames(t *testing.T) {
	want := []string{
		"beginsWith", "contains", "containsWord", "detectSQLi", "detectXSS", "endsWith", "eq", "ge", "gt",
		"ipMatch", "ipMatchFromFile", "le", "lt", "noMatch", "pm", "pmFromFile", "rbl", "rx", "streq", "strmatch",
		"unconditionalMatch", "validateByteRange", "validateUrlEncoding", "validateUtf8Encoding", "within",
	}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}
