package match

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// stage makes u an HTTP unit of the given direction, its buffers final
// through the given stage.
func stage(u *inspect.Unit, dir inspect.Dir, st, through inspect.Stage) *inspect.Unit {
	u.Dir, u.Stage, u.Through = dir, st, through
	return u
}

// absent matches a buffer the transaction never made, and only once the
// point that makes it is past; absent: or_else inspects it when present.
func TestAbsent(t *testing.T) {
	post := func(through inspect.Stage, bufs ...string) *inspect.Unit {
		return stage(http(append([]string{"http.method", "POST"}, bufs...)...), inspect.ToServer, inspect.RequestHeaders, through)
	}
	runCases(t, "alert http any any -> any any", []matchCase{
		{"no body, head said so", `http.request_body; absent; http.method; content:"POST";`, post(inspect.RequestBody), true},
		{"body still to come", `http.request_body; absent; http.method; content:"POST";`, post(inspect.RequestHeaders), false},
		{"body present", `http.request_body; absent; http.method; content:"POST";`, post(inspect.RequestBody, "http.request_body", "abc"), false},
		{"or_else absent", `http.request_body; absent:or_else; content:!"abc"; http.method; content:"POST";`, post(inspect.RequestBody), true},
		{"or_else present, holds", `http.request_body; absent:or_else; content:!"abc";`, post(inspect.RequestBody, "http.request_body", "xyz"), true},
		{"or_else present, fails", `http.request_body; absent:or_else; content:!"abc";`, post(inspect.RequestBody, "http.request_body", "abc"), false},
		{"or_else with a literal", `http.request_body; absent:or_else; content:"abc";`, post(inspect.RequestBody), true},
		{"response buffer on a request", `http.stat_code; absent;`, post(inspect.RequestBody), false},
		{"response file.data", `file.data; absent; http.stat_code; content:"500";`,
			stage(http("http.stat_code", "500"), inspect.ToClient, inspect.ResponseBody, inspect.ResponseBody), true},
		{"response file.data before the body", `file.data; absent; http.stat_code; content:"500";`,
			stage(http("http.stat_code", "500"), inspect.ToClient, inspect.ResponseHeaders, inspect.ResponseHeaders), false},
		{"no request headers", `http.request_header; absent; http.uri; content:"noheaders";`,
			stage(http("http.uri", "/noheaders"), inspect.ToServer, inspect.RequestHeaders, inspect.RequestHeaders), true},
		{"packet unit", `http.request_body; absent;`, packetUnit(6, map[string]string{"payload": "x"}), false},
	})
}
