package bodyproc

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sink records what a processor reports.
type sink struct {
	args, xml, files, headers [][2]string
	flags                     map[string]bool
	maxArgs, depth            int
}

func (s *sink) Arg(n, v string) { s.args = append(s.args, [2]string{n, v}) }
func (s *sink) XML(p, v string) { s.xml = append(s.xml, [2]string{p, v}) }
func (s *sink) File(f, n string, size int) {
	s.files = append(s.files, [2]string{f, n + ":" + strconv.Itoa(size)})
}
func (s *sink) PartHeader(f, l string) { s.headers = append(s.headers, [2]string{f, l}) }
func (s *sink) Flag(n string) {
	if s.flags == nil {
		s.flags = map[string]bool{}
	}
	s.flags[n] = true
}
func (s *sink) Limits() (int, int) { return s.maxArgs, s.depth }

func run(t *testing.T, name, ct, body string, s *sink) error {
	t.Helper()
	p, ok := Lookup(name)
	if !ok {
		t.Fatalf("%s not registered", name)
	}
	return p([]byte(body), ct, s)
}

func TestParseQuery(t *testing.T) {
	var got [][2]string
	ParseQuery("a=1&b=x+y%21&&c&d=%zz&e=%41=", '&', func(k, v string) bool {
		got = append(got, [2]string{k, v})
		return true
	})
	want := [][2]string{{"a", "1"}, {"b", "x y!"}, {"c", ""}, {"d", "%zz"}, {"e", "A="}}
	if !slices.Equal(got, want) {
		t.Errorf("ParseQuery = %q, want %q", got, want)
	}
}

func TestURLEncoded(t *testing.T) {
	s := &sink{maxArgs: 2}
	if err := run(t, "URLENCODED", "", "a=1&b=2&c=3", s); err != nil {
		t.Fatal(err)
	}
	if want := [][2]string{{"a", "1"}, {"b", "2"}}; !slices.Equal(s.args, want) {
		t.Errorf("args = %q, want %q (limit 2)", s.args, want)
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		body string
		want [][2]string
		err  bool
	}{
		{`{"a":{"b":[1,"x\u0041",true,null]},"c":"\"q\""}`,
			[][2]string{{"json.a.b.0", "1"}, {"json.a.b.1", "xA"}, {"json.a.b.2", "true"}, {"json.a.b.3", ""}, {"json.a.b", "4"}, {"json.c", `"q"`}}, false},
		{`[{"k":"v"}]`, [][2]string{{"json.0.k", "v"}, {"json", "1"}}, false},
		{`{"a":1,}`, [][2]string{{"json.a", "1"}}, true},
		{`{"a":"\ud83d\ude00"}`, [][2]string{{"json.a", "\U0001F600"}}, false},
		{`{"a":[]}`, nil, false},
		{`{"a":1} x`, [][2]string{{"json.a", "1"}}, true},
	}
	for _, tt := range tests {
		s := &sink{}
		err := run(t, "JSON", "application/json", tt.body, s)
		if (err != nil) != tt.err || !slices.Equal(s.args, tt.want) {
			t.Errorf("JSON %s: args %q err %v, want %q err %v", tt.body, s.args, err, tt.want, tt.err)
		}
	}
}

func TestJSONLimits(t *testing.T) {
	s := &sink{maxArgs: 2}
	if err := run(t, "JSON", "", `{"a":1,"b":2,"c":3}`, s); err != nil || len(s.args) != 2 {
		t.Errorf("argument limit: args %q err %v, want 2 args and no error", s.args, err)
	}
	s = &sink{depth: 2}
	if err := run(t, "JSON", "", `{"a":{"b":{"c":1}}}`, s); !errors.Is(err, ErrLimit) {
		t.Errorf("depth limit: err %v, want ErrLimit", err)
	}
}

func TestXML(t *testing.T) {
	s := &sink{}
	if err := run(t, "XML", "text/xml", `<a x="1"><b y="2">hi</b> <c>there</c></a>`, s); err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"//@*", "1"}, {"//@*", "2"}, {"/*", "hi"}, {"/*", "there"}}
	if !slices.Equal(s.xml, want) {
		t.Errorf("xml = %q, want %q", s.xml, want)
	}
	if err := run(t, "XML", "text/xml", `<a><b></a>`, &sink{}); err == nil {
		t.Error("mismatched tags: no error")
	}
}

func TestMultipart(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	tests := []struct {
		name, ct, body string
		args, files    [][2]string
		headers        int
		flags          []string
		err            bool
	}{
		{
			name: "plain and file", ct: "multipart/form-data; boundary=XyZ",
			body: crlf("--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nvalue a\n--XyZ\n" +
				"Content-Disposition: form-data; name=\"f\"; filename=\"x.php\"\nContent-Type: text/plain\n\n<?php\n--XyZ--\n"),
			args: [][2]string{{"a", "value a"}}, files: [][2]string{{"f", "x.php:5"}}, headers: 3,
		},
		{
			name: "LF lines and quoted boundary", ct: `multipart/form-data; boundary="b"`,
			body:  "--b\nContent-Disposition: form-data; name=\"a\"\n\n1\n--b--\n",
			args:  [][2]string{{"a", "1"}},
			flags: []string{FlagBoundaryQuoted, FlagLFLine}, headers: 1,
		},
		{
			name: "data before and after, folding, missing semicolon", ct: "multipart/form-data; boundary=b",
			body:  crlf("junk\n--b\nContent-Disposition: form-data\n name=\"a\"\n\n1\n--b--\nmore\n"),
			args:  [][2]string{{"a", "1"}},
			flags: []string{FlagDataAfter, FlagDataBefore, FlagHeaderFolding, FlagMissingSemicolon}, headers: 1,
		},
		{
			name: "no final boundary", ct: "multipart/form-data; boundary=b",
			body: crlf("--b\nContent-Disposition: form-data; name=\"a\"\n\n1\n"),
			args: [][2]string{{"a", "1"}}, headers: 1, err: true,
		},
		{
			name: "boundary inside the word boundary", ct: "multipart/form-data; boundary=----WebKitFormBoundary",
			body: crlf("------WebKitFormBoundary\nContent-Disposition: form-data; name=\"_charset_\"\n\nutf-7\n------WebKitFormBoundary--\n"),
			args: [][2]string{{"_charset_", "utf-7"}}, headers: 1,
		},
		{name: "no boundary", ct: "multipart/form-data", body: "x", err: true},
	}
	for _, tt := range tests {
		s := &sink{}
		err := run(t, "MULTIPART", tt.ct, tt.body, s)
		flags := slices.Sorted(maps.Keys(s.flags))
		if (err != nil) != tt.err || !slices.Equal(s.args, tt.args) || !slices.Equal(s.files, tt.files) ||
			len(s.headers) != tt.headers || !slices.Equal(flags, tt.flags) {
			t.Errorf("%s: args %q files %q headers %q flags %v err %v; want args %q files %q %d headers flags %v err %v",
				tt.name, s.args, s.files, s.headers, flags, err, tt.args, tt.files, tt.headers, tt.flags, tt.err)
		}
	}
}

func TestDisposition(t *testing.T) {
	var flags []string
	flag := func(f string) { flags = append(flags, f) }
	p, err := Disposition(`form-data; name="a\"b"; filename='x'`, flag)
	if err != nil || p["name"] != `a"b` || p["filename"] != "x" || !slices.Equal(flags, []string{FlagInvalidQuoting}) {
		t.Errorf("Disposition = %v, %v, flags %v", p, err, flags)
	}
	if _, err := Disposition("attachment; name=a", flag); err == nil {
		t.Error("attachment accepted")
	}
}
