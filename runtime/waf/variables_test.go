package waf_test

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/waf"
)

const actions = `phase:2,pass,log,logdata:'%{MATCHED_VAR}'`

func TestVariables(t *testing.T) {
	tests := []struct {
		name string
		rule string // a SecRule with id:1; ACTIONS stands for its phase, log and logdata actions
		req  request
		want string // the logged MATCHED_VAR; "-" when the rule must not match
	}{
		{"header key without case", `SecRule REQUEST_HEADERS:user-AGENT "@rx ." "id:1,ACTIONS"`, request{headers: [][2]string{{"User-Agent", "curl"}}}, "curl"},
		{"arg key without case", `SecRule ARGS:ID "@rx ." "id:1,ACTIONS"`, request{uri: "/?id=7"}, "7"},
		{"key regex", `SecRule ARGS:/^x_\d$/ "@rx ." "id:1,ACTIONS"`, request{uri: "/?y=1&X_2=two"}, "two"},
		{"exclusion", `SecRule ARGS|!ARGS:a "@rx ." "id:1,ACTIONS"`, request{uri: "/?a=1&b=2"}, "2"},
		{"regex exclusion", `SecRule REQUEST_COOKIES|!REQUEST_COOKIES:/^__utm/ "@rx ." "id:1,ACTIONS"`, request{headers: [][2]string{{"Cookie", "__utma=1; sid=abc"}}}, "abc"},
		{"count", `SecRule &ARGS "@eq 3" "id:1,ACTIONS"`, request{uri: "/?a=1&b=2&a=3"}, "3"},
		{"count absent", `SecRule &REQUEST_HEADERS:X-Missing "@eq 0" "id:1,ACTIONS"`, request{}, "0"},
		{"names", `SecRule ARGS_NAMES "@streq b" "id:1,ACTIONS"`, request{uri: "/?a=1&b=2"}, "b"},
		{"cookie names", `SecRule REQUEST_COOKIES_NAMES "@rx ^s" "id:1,ACTIONS"`, request{headers: [][2]string{{"Cookie", "a=1; sid=2"}}}, "sid"},
		{"filename decoded", `SecRule REQUEST_FILENAME "@streq /a b/c.php" "id:1,ACTIONS"`, request{uri: "/a%20b/c.php?x=1"}, "/a b/c.php"},
		{"basename", `SecRule REQUEST_BASENAME "@rx ." "id:1,ACTIONS"`, request{uri: "/a/b/c.php?x=1"}, "c.php"},
		{"query raw", `SecRule QUERY_STRING "@rx ." "id:1,ACTIONS"`, request{uri: "/p?a=%41&b"}, "a=%41&b"},
		{"uri without authority", `SecRule REQUEST_URI "@rx ." "id:1,ACTIONS"`, request{uri: "http://h.example/p?q=1"}, "/p?q=1"},
		{"uri raw", `SecRule REQUEST_URI_RAW "@rx ." "id:1,ACTIONS"`, request{uri: "http://h.example/p"}, "http://h.example/p"},
		{"request line", `SecRule REQUEST_LINE "@rx ." "id:1,ACTIONS"`, request{method: "PUT", uri: "/x"}, "PUT /x HTTP/1.1"},
		{"remote addr", `SecRule REMOTE_ADDR "@ipMatch 10.0.0.0/8" "id:1,ACTIONS"`, request{}, "10.0.0.1"},
		{"server name", `SecRule SERVER_NAME "@rx ." "id:1,ACTIONS"`, request{headers: [][2]string{{"Host", "h.example:8080"}}}, "h.example"},
		{"body processor", `SecRule REQBODY_PROCESSOR "@rx ." "id:1,ACTIONS"`, request{headers: [][2]string{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}}}, "URLENCODED"},
		{"request body", `SecRule REQUEST_BODY "@rx ." "id:1,ACTIONS"`, request{method: "POST", body: "a=1", headers: [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}}}, "a=1"},
		{"no request body for unknown types", `SecRule REQUEST_BODY "@rx ." "id:1,ACTIONS"`, request{method: "POST", body: "a=1", headers: [][2]string{{"Content-Type", "text/plain"}}}, "-"},
		{"body length", `SecRule REQUEST_BODY_LENGTH "@gt 0" "id:1,ACTIONS"`, request{method: "POST", body: "abcd"}, "4"},
		{"body error", `SecRule REQBODY_ERROR "@eq 1" "id:1,ACTIONS"`, request{method: "POST", body: "--x", headers: [][2]string{{"Content-Type", "multipart/form-data"}}}, "1"},
		{"scalar exclusion absent", `SecRule REQUEST_URI|!REQUEST_URI "@rx ." "id:1,ACTIONS"`, request{}, "-"},
		{"matched vars", `SecRule ARGS "@rx ^x" "id:1,ACTIONS,chain"
    SecRule MATCHED_VARS_NAMES "@streq ARGS:b" "t:none"`, request{uri: "/?a=xa&b=xb"}, "ARGS:b"},
	}
	for _, tt := range tests {
		w := newWAF(t, strings.ReplaceAll(tt.rule, "ACTIONS", actions), detect)
		tx := run(w, tt.req)
		m, ok := find(tx, 1)
		switch {
		case tt.want == "-" && ok:
			t.Errorf("%s: matched %q, want no match", tt.name, m.Data)
		case tt.want != "-" && (!ok || m.Data != tt.want):
			t.Errorf("%s: matched %v with %q, want %q", tt.name, ok, m.Data, tt.want)
		}
		tx.Close()
	}
}

func TestBodies(t *testing.T) {
	multipart := "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"shell.php\"\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n<?php ?>\r\n" +
		"--B\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nv\r\n--B--\r\n"
	tests := []struct {
		name, ct, body, rule, want string
	}{
		{"multipart file", "multipart/form-data; boundary=B", multipart, `SecRule FILES "@rx \.php$" "id:1,ACTIONS"`, "shell.php"},
		{"multipart field", "multipart/form-data; boundary=B", multipart, `SecRule FILES_NAMES "@rx ." "id:1,ACTIONS"`, "f"},
		{"multipart size", "multipart/form-data; boundary=B", multipart, `SecRule FILES_COMBINED_SIZE "@eq 8" "id:1,ACTIONS"`, "8"},
		{"multipart args", "multipart/form-data; boundary=B", multipart, `SecRule ARGS_POST:n "@rx ." "id:1,ACTIONS"`, "v"},
		{"multipart part headers", "multipart/form-data; boundary=B", multipart, `SecRule MULTIPART_PART_HEADERS:f "@rx charset=(.*)" "id:1,capture,ACTIONS"`, "Content-Type: text/plain; charset=utf-7"},
		{"multipart strict", "multipart/form-data; boundary=B", "x\r\n" + multipart, `SecRule MULTIPART_STRICT_ERROR "@eq 1" "id:1,ACTIONS"`, "1"},
		{"multipart clean", "multipart/form-data; boundary=B", multipart, `SecRule MULTIPART_STRICT_ERROR "@eq 0" "id:1,ACTIONS"`, "0"},
		{"json", "application/json", `{"user":{"roles":["admin"]}}`, `SecRule ARGS:json.user.roles.0 "@rx ." "id:1,ACTIONS"`, "admin"},
		{"json length", "application/json", `{"r":["a","b"]}`, `SecRule ARGS:json.r "@eq 2" "id:1,ACTIONS"`, "2"},
		{"xml text", "text/xml", `<a><b>hello</b></a>`, `SecRule XML:/* "@rx ." "id:1,ACTIONS"`, "hello"},
		{"xml attribute", "text/xml", `<a href="x"/>`, `SecRule XML://@* "@rx ." "id:1,ACTIONS"`, "x"},
	}
	setup := `SecRule REQUEST_HEADERS:Content-Type "@rx json" "id:100,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQUEST_HEADERS:Content-Type "@rx xml" "id:101,phase:1,pass,nolog,ctl:requestBodyProcessor=XML"
`
	for _, tt := range tests {
		w := newWAF(t, setup+strings.ReplaceAll(tt.rule, "ACTIONS", actions), detect)
		tx := run(w, request{method: "POST", body: tt.body, headers: [][2]string{{"Content-Type", tt.ct}}})
		if m, ok := find(tx, 1); !ok || m.Data != tt.want {
			t.Errorf("%s: matched %v with %q, want %q", tt.name, ok, m.Data, tt.want)
		}
		tx.Close()
	}
}

func TestResponseBodyMimeTypes(t *testing.T) {
	w := newWAF(t, `SecRule RESPONSE_BODY "@contains leak" "id:1,phase:4,pass,log"`, detect)
	for ct, want := range map[string]bool{"text/html; charset=utf-8": true, "image/png": false} {
		tx := run(w, request{respHeaders: [][2]string{{"Content-Type", ct}}, respBody: "a leak"})
		if _, ok := find(tx, 1); ok != want {
			t.Errorf("Content-Type %s: matched %v, want %v", ct, ok, want)
		}
		tx.Close()
	}
}

func TestRequestBodyLimit(t *testing.T) {
	w := newWAF(t, `SecRule INBOUND_DATA_ERROR "@eq 1" "id:1,phase:2,pass,log"`,
		waf.Config{Mode: waf.On, RequestBodyAccess: true, RequestBodyLimit: 4, RejectLargeRequestBody: true})
	tx := run(w, request{method: "POST", body: "too long"})
	defer tx.Close()
	if it := tx.Interruption(); it == nil || it.Status != 413 {
		t.Errorf("interruption %+v, want 413", it)
	}
}
