package suricata

import (
	"strings"
	"testing"
)

func TestParseRuleHeaderAndOptions(t *testing.T) {
	src := "alert tcp [10.0.0.0/8, !10.1.0.0/16] any -> $HOME_NET [80,8000:,!8081] (msg:\"a\\;b\"; content:\"|41 42|C\"; nocase; sid:1;)\n"
	rules, errs := ParseFile("t.rules", []byte(src))
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	r := rules[0]
	if r.Action != "alert" || r.Proto != "tcp" || r.Bidir {
		t.Fatalf("header: %+v", r)
	}
	if got := r.Src.String(); got != "[10.0.0.0/8,!10.1.0.0/16]" {
		t.Errorf("src = %s", got)
	}
	if got := r.DstPort.String(); got != "[80,8000:,!8081]" {
		t.Errorf("dport = %s", got)
	}
	want := []string{"msg", "content", "nocase", "sid"}
	if len(r.Options) != len(want) {
		t.Fatalf("options = %+v", r.Options)
	}
	for i, o := range r.Options {
		if o.Name != want[i] {
			t.Errorf("option %d = %q, want %q", i, o.Name, want[i])
		}
	}
	if r.Options[0].Value != `"a\;b"` {
		t.Errorf("msg value = %q", r.Options[0].Value)
	}
	if p := r.Options[1].Pos; p.Line != 1 || p.Col != strings.Index(src, "content")+1 {
		t.Errorf("content pos = %v", p)
	}
}

func TestContinuationAndDisabled(t *testing.T) {
	src := "# a comment\n#alert udp any any -> any 53 (sid:2;)\nalert tcp any any -> any any \\\n  (msg:\"x\"; \\\n   sid:3;)\n"
	rules, errs := ParseFile("t.rules", []byte(src))
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	if len(rules) != 2 || !rules[0].Disabled || rules[1].Disabled {
		t.Fatalf("rules = %+v", rules)
	}
	sid := rules[1].Options[1]
	if sid.Name != "sid" || sid.Pos.Line != 5 || sid.Pos.Col != 4 {
		t.Errorf("sid at %v", sid.Pos)
	}
}

func TestSyntaxErrorsArePositioned(t *testing.T) {
	cases := map[string]string{
		"alert tcp any any >> any any (sid:1;)":      "t.rules:1:19: bad direction",
		"alert tcp [1.2.3.4 any -> any any (sid:1;)": "t.rules:1:11: unbalanced brackets",
		"warn tcp any any -> any any (sid:1;)":       "t.rules:1:1: unknown action",
		"alert tcp any any -> any any (sid:1;":       "rule options must end with )",
		"alert tcp any 80: -> any [1,,2] (sid:1;)":   "t.rules:1:28: destination port",
	}
	for src, want := range cases {
		_, errs := ParseFile("t.rules", []byte("\n"+src))
		if errs.Len() != 1 {
			t.Errorf("%s: %d errors", src, errs.Len())
			continue
		}
		got := errs.Items[0].Error()
		want = strings.Replace(want, ":1:", ":2:", 1)
		if !strings.Contains(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
	}
}

func TestDecodeContent(t *testing.T) {
	cases := map[string]string{
		`"abc"`:              "abc",
		`"|41 42|c"`:         "ABc",
		`"a\;b\"c\\d\:e"`:    `a;b"c\d:e`,
		`"|00|x|0a0D|"`:      "\x00x\n\r",
		`"GET /|20|HTTP/1."`: "GET / HTTP/1.",
	}
	for in, want := range cases {
		got, err := DecodeContent(in)
		if err != nil || string(got) != want {
			t.Errorf("DecodeContent(%s) = %q, %v; want %q", in, got, err, want)
		}
		back, err := DecodeContent(EncodeContent(got))
		if err != nil || string(back) != want {
			t.Errorf("round trip of %q via %s = %q, %v", want, EncodeContent(got), back, err)
		}
	}
	for _, bad := range []string{`"|4|"`, `"|zz|"`, `"a;b"`, `"abc`, `"\q"`, `"|41"`} {
		if _, err := DecodeContent(bad); err == nil {
			t.Errorf("DecodeContent(%s) accepted", bad)
		}
	}
}
