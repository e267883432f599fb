package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// TestTransactionalRules: a "=>" rule names its two-way buffers'
// directions, the request side of one being a buffer of its own; a "->"
// rule given a buffer direction takes it as its flow direction.
func TestTransactionalRules(t *testing.T) {
	r := mustCompile(t, `alert http any any => any any (http.uri; content:"/d"; http.connection: to_server; content:"k"; http.connection: to_client; content:"c"; http.stat_code; content:"200"; sid:1;)`)
	if !r.Header.TxBoth {
		t.Fatal("not transactional")
	}
	var names []string
	for _, m := range r.Matchers {
		names = append(names, m.Buf().Name)
	}
	want := []string{"http.uri", ir.ToServerOf("http.connection"), "http.connection", "http.stat_code"}
	if len(names) != len(want) {
		t.Fatalf("buffers %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("buffers %v, want %v", names, want)
		}
	}
	if r := mustCompile(t, `alert http any any -> any any (http.connection: to_client; content:"close"; sid:1;)`); !r.Flow.ToClient || r.Flow.ToServer {
		t.Errorf("flow %+v, want to_client implied", r.Flow)
	}
	checkFailures(t, []failCase{
		{`alert http any any => any any (http.uri; content:"/d"; sid:1;)`, diag.ErrConflict, "should use both directions"},
		{`alert http any any => any any (flow:to_server; http.uri; content:"/d"; http.stat_code; content:"200"; sid:1;)`, diag.ErrConflict, "cannot have a flow direction"},
		{`alert http any any => any any (http.uri; content:"/d"; http.stat_code; content:"200"; http.header; content:"x"; sid:1;)`, diag.ErrConflict, "ambiguous about directions"},
		{`alert http any any -> any any (http.uri; content:"/d"; http.stat_code; content:"200"; sid:1;)`, diag.ErrConflict, "a transactional rule with => should be used"},
		{`alert http any any -> any any (flow:to_server; http.connection: to_client; content:"c"; sid:1;)`, diag.ErrConflict, "contradictory directions"},
		{`alert http any any -> any any (http.uri: to_client; content:"c"; sid:1;)`, diag.ErrConflict, "http.uri is not inspected to_client"},
		{`alert http any any -> any any (http.connection: sideways; content:"c"; sid:1;)`, diag.ErrBadValue, "want to_server or to_client"},
	})
}

// TestEachDir: a rule whose keywords all exist in both directions
// matches a transaction once in each; one with a keyword of one direction
// (or none at all) once.
func TestEachDir(t *testing.T) {
	for rule, want := range map[string]bool{
		`alert tls any any -> any any (ssl_version:!sslv3; sid:1;)`:                               true,
		`alert http any any -> any any (http.header; content:"x"; sid:1;)`:                        true,
		`alert tls any any -> any any (tls.sni; content:"x"; sid:1;)`:                             false,
		`alert http any any -> any any (http.header; content:"x"; http.uri; content:"/"; sid:1;)`: false,
		`alert tls any any -> any any (flow:established; sid:1;)`:                                 false,
	} {
		if r := mustCompile(t, rule); r.EachDir != want {
			t.Errorf("%s: each direction %v, want %v", rule, r.EachDir, want)
		}
	}
}
