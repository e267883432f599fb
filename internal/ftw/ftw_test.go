package ftw

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func ptr[T any](v T) *T { return &v }

func TestRawRequest(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"defaults", Input{}, "GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"},
		{"data gets type and length", Input{Method: ptr("POST"), Headers: Headers{{"Host", "h"}}, Data: Data{Text: "a=1", Set: true}},
			"POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1"},
		{"given headers kept", Input{Headers: Headers{{"content-type", "text/plain"}, {"Content-Length", "9"}}, Data: Data{Text: "x", Set: true}},
			"GET / HTTP/1.1\r\ncontent-type: text/plain\r\nContent-Length: 9\r\n\r\nx"},
		{"no autocomplete", Input{AutocompleteHeaders: ptr(false), Data: Data{Text: "x", Set: true}}, "GET / HTTP/1.1\r\n\r\nx"},
		{"no version", Input{Version: ptr(""), AutocompleteHeaders: ptr(false)}, "GET /\r\n\r\n"},
		{"encoded", Input{EncodedRequest: "R0VUIC8gSFRUUC8xLjANCg0K"}, "GET / HTTP/1.0\r\n\r\n"},
	}
	for _, tt := range tests {
		got, err := rawRequest(&tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestParseRequest(t *testing.T) {
	tests := []struct {
		name, raw, method, uri, proto, body string
		headers                             [][2]string
	}{
		{"plain", "POST /p?a=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcdef", "POST", "/p?a=1", "HTTP/1.1", "abc", [][2]string{{"Host", "h"}, {"Content-Length", "3"}}},
		{"merged and folded", "GET / HTTP/1.1\r\nA: 1\r\nB: x\r\n  y\r\na: 2\r\n\r\n", "GET", "/", "HTTP/1.1", "", [][2]string{{"A", "1, 2"}, {"B", "x y"}}},
		{"chunked drops length", "POST / HTTP/1.1\r\nContent-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", "POST", "/", "HTTP/1.1", "abcde", [][2]string{{"Transfer-Encoding", "chunked"}}},
		{"no length, no body", "POST / HTTP/1.1\r\n\r\nignored", "POST", "/", "HTTP/1.1", "", nil},
		{"HTTP/0.9", "GET /x\r\n\r\n", "GET", "/x", "HTTP/0.9", "", nil},
		{"spaces in URI", "GET /a b HTTP/1.0\n\n", "GET", "/a b", "HTTP/1.0", "", nil},
	}
	for _, tt := range tests {
		r, err := parseRequest([]byte(tt.raw))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if r.method != tt.method || r.uri != tt.uri || r.proto != tt.proto || string(r.body) != tt.body || !slices.Equal(r.headers, tt.headers) {
			t.Errorf("%s: got %q %q %q %q %q", tt.name, r.method, r.uri, r.proto, r.headers, r.body)
		}
	}
}

// TestBareCRRefused: Apache answers 400 to a bare CR in the request head
// and no rule sees the request (CRS test 921140-1).
func TestBareCRRefused(t *testing.T) {
	for _, raw := range []string{
		"GET / HTTP/1.1\r\nHost: h\r\nSomeHeader: Headerdata\rInjectedHeader: x\r\n\r\n",
		"GET /\r HTTP/1.1\r\nHost: h\r\n\r\n",
	} {
		if _, err := parseRequest([]byte(raw)); !errors.Is(err, ErrBadRequest) {
			t.Errorf("%q: err = %v, want ErrBadRequest", raw, err)
		}
	}
	if _, err := parseRequest([]byte("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\na\rb")); err != nil {
		t.Errorf("a CR in the body: %v", err)
	}
}

func TestBackend(t *testing.T) {
	r := &request{method: "POST", uri: "/reflect", body: []byte(`{"status":500,"headers":{"X-A":"b"},"body":"<html>oops</html>"}`)}
	resp := backend(r)
	if resp.status != 500 || string(resp.body) != "<html>oops</html>" || !slices.Contains(resp.headers, [2]string{"X-A", "b"}) ||
		!slices.Contains(resp.headers, [2]string{"Content-Type", "text/html; charset=utf-8"}) {
		t.Errorf("reflect: %+v", resp)
	}
	if resp := backend(&request{method: "GET", uri: "/"}); resp.status != 200 || len(resp.body) != 0 {
		t.Errorf("default: %+v", resp)
	}
}

func TestCheck(t *testing.T) {
	log := logged{ids: map[int]bool{1: true, 2: true}, lines: `ModSecurity: Warning. [id "1"]` + "\n"}
	tests := []struct {
		out  Output
		want string
	}{
		{Output{Log: Log{ExpectIDs: []int{1, 2}, NoExpectIDs: []int{3}}}, ""},
		{Output{Log: Log{ExpectIDs: []int{1, 4}}}, "missing ids [4]"},
		{Output{Log: Log{NoExpectIDs: []int{2, 3}}}, "unexpected ids [2]"},
		{Output{Log: Log{MatchRegex: `id "1"`}}, ""},
		{Output{Log: Log{NoMatchRegex: `\[id "\d+"\]`}}, `log matches "\\[id \"\\d+\"\\]" (ids [1 2])`},
		{Output{NoLogContains: `id "9"`}, ""},
	}
	refused := logged{ids: map[int]bool{}, refused: 400}
	for _, tt := range []struct {
		out  Output
		want string
	}{
		{Output{Status: []any{400}, Log: Log{NoExpectIDs: []int{921140}}}, ""},
		{Output{Status: 400}, ""},
		{Output{Status: []any{200, 403}}, "server refused the request with 400, want status [200 403]"},
		{Output{Log: Log{ExpectIDs: []int{921140}}}, "missing ids [921140]"},
	} {
		if got := check(&tt.out, refused); got != tt.want {
			t.Errorf("refused: check(%+v) = %q, want %q", tt.out, got, tt.want)
		}
	}
	for _, tt := range tests {
		if got := check(&tt.out, log); got != tt.want {
			t.Errorf("check(%+v) = %q, want %q", tt.out, got, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	src := `rule_id: 1
tests:
  - test_id: 2
    stages:
      - input:
          headers: {B: "1", A: "2"}
          data: ["a", "b"]
        output: {log: {expect_ids: [1]}}
      - stage:
          input: {uri: /x}
          output: {status: [200, 404]}
`
	path := filepath.Join(t.TempDir(), "t.yaml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	s1, s2 := f.Tests[0].Stages[0].stage(), f.Tests[0].Stages[1].stage()
	if f.RuleID != 1 || !slices.Equal(s1.Input.Headers, Headers{{"B", "1"}, {"A", "2"}}) || s1.Input.Data.Text != "a\r\nb" ||
		!slices.Equal(s1.Output.Log.ExpectIDs, []int{1}) || s2.Input.URI == nil || *s2.Input.URI != "/x" {
		t.Errorf("loaded %+v", f)
	}
	if got := len(Inputs([]*File{f})); got != 2 {
		t.Errorf("Inputs: %d, want 2", got)
	}
}

func TestOverrides(t *testing.T) {
	src := `test_overrides:
  - rule_id: 5
    test_ids: [1, 2]
    output: {log: {no_expect_ids: [5]}}
  - rule_id: 6
    test_ids: [1]
    reason: only documented
`
	path := filepath.Join(t.TempDir(), "o.yaml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := LoadOverrides(path)
	if err != nil {
		t.Fatal(err)
	}
	if out, ok := o.lookup(5, 2); !ok || !slices.Equal(out.Log.NoExpectIDs, []int{5}) {
		t.Errorf("override 5-2: %+v %v", out, ok)
	}
	if _, ok := o.lookup(6, 1); ok {
		t.Error("an override without output replaced the test's")
	}
}

// TestRunFolder runs a tiny folder of tests against a small rule set.
func TestRunFolder(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "rules.conf")
	setup := filepath.Join(dir, "setup.conf")
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(setup, `SecDefaultAction "phase:2,log,pass"`)
	write(rules, `SecRule ARGS "@contains attack" "id:100,phase:2,block,log"
SecRule TX:blocking_paranoia_level "@eq 4" "id:101,phase:1,pass,log"`)
	tests := map[string]any{"rule_id": 100, "tests": []any{
		map[string]any{"test_id": 1, "stages": []any{map[string]any{"input": map[string]any{"uri": "/?a=attack"},
			"output": map[string]any{"log": map[string]any{"expect_ids": []int{100, 101}}}}}},
		map[string]any{"test_id": 2, "stages": []any{map[string]any{"input": map[string]any{"method": "POST", "data": "a=attack"},
			"output": map[string]any{"log": map[string]any{"no_expect_ids": []int{100}}}}}},
	}}
	src, err := yaml.Marshal(tests)
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(dir, "100.yaml"), string(src))
	w, err := Compile(setup, []string{rules}, CRSConfig())
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files([]string{dir})
	if err != nil || len(files) != 1 {
		t.Fatalf("Files = %v, %v", files, err)
	}
	f, err := Load(files[0])
	if err != nil {
		t.Fatal(err)
	}
	res := (&Runner{WAF: w}).Run([]*File{f})
	if len(res) != 2 || !res[0].Passed || res[1].Passed || !strings.Contains(res[1].Reason, "unexpected ids [100]") || res[1].Name != "100-2" {
		t.Errorf("results %+v", res)
	}
}
