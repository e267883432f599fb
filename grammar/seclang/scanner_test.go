package seclang

import (
	"testing"

	"github.com/rulec/rulec/diag"
)

func parseOne(t *testing.T, src string) *Directive {
	t.Helper()
	f, errs := ParseFile("t.conf", []byte(src))
	if errs.Len() != 0 {
		t.Fatalf("%q: %v", src, errs)
	}
	if len(f.Directives) != 1 {
		t.Fatalf("%q: %d directives, want 1", src, len(f.Directives))
	}
	if err := checkPositions(splitLinesOf(src), f.Directives[0]); err != nil {
		t.Errorf("%q: %v", src, err)
	}
	return f.Directives[0]
}

func TestArgumentQuoting(t *testing.T) {
	cases := []struct {
		src  string
		want []Arg
	}{
		{`SecMarker END`, []Arg{{Value: "END"}}},
		{`SecMarker "END"`, []Arg{{Value: "END", Quoted: true}}},
		{`SecMarker 'a b'`, []Arg{{Value: "a b", Quoted: true}}},
		{`SecMarker ""`, []Arg{{Value: "", Quoted: true}}},
		{`SecMarker a"b`, []Arg{{Value: `a"b`}}},
		{`SecMarker "a\"b"`, []Arg{{Value: `a"b`, Quoted: true}}},
		{`SecMarker "\"a\"\""`, []Arg{{Value: `"a""`, Quoted: true}}},
		{`SecMarker 'it\'s'`, []Arg{{Value: `it's`, Quoted: true}}},
		{`SecMarker 'a\"b'`, []Arg{{Value: `a\"b`, Quoted: true}}},
		{`SecMarker "a\\b"`, []Arg{{Value: `a\\b`, Quoted: true}}},
		{`SecMarker "a\\"`, []Arg{{Value: `a\\`, Quoted: true}}},
		{`SecMarker "a\\\"b"`, []Arg{{Value: `a\\"b`, Quoted: true}}},
		{`SecMarker "\d+\x5c\'"`, []Arg{{Value: `\d+\x5c\'`, Quoted: true}}},
		{`SecMarker a\b`, []Arg{{Value: `a\b`}}},
		{"SecComponentSignature\t \"OWASP_CRS/4.28.0\"  ", []Arg{{Value: "OWASP_CRS/4.28.0", Quoted: true}}},
		{`SecRuleRemoveById 1 2-5 "7"`, []Arg{{Value: "1"}, {Value: "2-5"}, {Value: "7", Quoted: true}}},
	}
	for _, c := range cases {
		d := parseOne(t, c.src)
		if len(d.Args) != len(c.want) {
			t.Errorf("%s: args %+v, want %+v", c.src, d.Args, c.want)
			continue
		}
		for i, a := range d.Args {
			a.Pos = diag.Pos{}
			if a != c.want[i] {
				t.Errorf("%s: arg %d = %+v, want %+v", c.src, i, a, c.want[i])
			}
		}
	}
}

func TestOperatorArgumentUnescaping(t *testing.T) {
	cases := map[string]string{
		`SecRule ARGS "@rx [\"']?x" "id:1"`:    `["']?x`,
		`SecRule ARGS "@rx [\"\'\x5c]" "id:1"`: `["\'\x5c]`,
		`SecRule ARGS "@rx \\\\" "id:1"`:       `\\\\`,
		`SecRule ARGS "@rx a\\" "id:1"`:        `a\\`,
	}
	for src, want := range cases {
		if got := parseOne(t, src).Op.Arg; got != want {
			t.Errorf("%s: operator argument %q, want %q", src, got, want)
		}
	}
}

func TestContinuationsAndPositions(t *testing.T) {
	src := "# comment \\\n\n  SecRule ARGS|!ARGS:foo \\\n  \"@rx x\" \\\n    \"id:1,\\\n    msg:'a, b',\\\n    setvar:'tx.x=+1'\"\r\nSecAction \"msg:'\\\"',id:2\"\n"
	f, errs := ParseFile("t.conf", []byte(src))
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	if len(f.Directives) != 2 {
		t.Fatalf("got %d directives, want 2", len(f.Directives))
	}
	r, a := f.Directives[0], f.Directives[1]
	if r.Args[2].Value != "id:1,    msg:'a, b',    setvar:'tx.x=+1'" {
		t.Errorf("joined actions %q", r.Args[2].Value)
	}
	pos := []struct {
		what string
		got  diag.Pos
		want string
	}{
		{"directive", r.Pos, "t.conf:3:3"},
		{"variable 2", r.Vars[1].Pos, "t.conf:3:16"},
		{"operator", r.Op.Pos, "t.conf:4:4"},
		{"operator argument", r.Op.ArgPos, "t.conf:4:8"},
		{"actions argument", r.Args[2].Pos, "t.conf:5:5"},
		{"id", r.Actions[0].Pos, "t.conf:5:6"},
		{"msg", r.Actions[1].Pos, "t.conf:6:5"},
		{"setvar value", r.Actions[2].ValuePos, "t.conf:7:12"},
		{"SecAction", a.Pos, "t.conf:8:1"},
		{"id after an escaped quote", a.Actions[1].Pos, "t.conf:8:21"},
	}
	for _, p := range pos {
		if p.got.String() != p.want {
			t.Errorf("%s at %v, want %s", p.what, p.got, p.want)
		}
	}
	for _, d := range f.Directives {
		if err := checkPositions(splitLinesOf(src), d); err != nil {
			t.Error(err)
		}
	}
}

func TestCommentsAndBlankLines(t *testing.T) {
	src := "#SecRule ARGS \"@rx x\" \"id:1\"\n   # indented comment\n\t\n\r\nSecMarker a\n# last \\\nSecMarker b\\"
	f, errs := ParseFile("t.conf", []byte(src))
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, d := range f.Directives {
		got = append(got, Format(d))
	}
	if len(got) != 2 || got[0] != "SecMarker a" || got[1] != "SecMarker b" {
		t.Errorf("directives %q", got)
	}
}
