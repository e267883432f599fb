package waf_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/waf"
)

// compileText compiles SecLang text; any diagnostic fails the test.
func compileText(t *testing.T, rules string) []*ir.Rule {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.conf")
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile([]string{path}, compiler.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items {
		t.Fatalf("compile: %v", d)
	}
	return res.Rules
}

// newWAF compiles SecLang text into a WAF.
func newWAF(t *testing.T, rules string, cfg waf.Config) *waf.WAF {
	t.Helper()
	w, err := waf.New(compileText(t, rules), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// request is one transaction to feed.
type request struct {
	method, uri string
	headers     [][2]string
	body        string
	respHeaders [][2]string
	respBody    string
}

// run feeds r through every phase and returns the transaction, which the
// caller closes.
func run(w *waf.WAF, r request) *waf.Tx {
	tx := w.NewTransaction()
	tx.ProcessConnection("10.0.0.1", 5555, "10.0.0.2", 80)
	method := r.method
	if method == "" {
		method = "GET"
	}
	uri := r.uri
	if uri == "" {
		uri = "/"
	}
	tx.ProcessURI(uri, method, "HTTP/1.1")
	for _, h := range r.headers {
		tx.AddRequestHeader(h[0], h[1])
	}
	tx.ProcessRequestHeaders()
	tx.WriteRequestBody([]byte(r.body))
	tx.ProcessRequestBody()
	for _, h := range r.respHeaders {
		tx.AddResponseHeader(h[0], h[1])
	}
	tx.ProcessResponseHeaders(200, "HTTP/1.1")
	tx.WriteResponseBody([]byte(r.respBody))
	tx.ProcessResponseBody()
	tx.ProcessLogging()
	return tx
}

// matched returns the ids of the rules that matched, in order.
func matched(tx *waf.Tx) []uint64 {
	var ids []uint64
	for _, m := range tx.MatchedRules() {
		ids = append(ids, m.ID)
	}
	return ids
}

// find returns the match of rule id.
func find(tx *waf.Tx, id uint64) (waf.MatchedRule, bool) {
	i := slices.IndexFunc(tx.MatchedRules(), func(m waf.MatchedRule) bool { return m.ID == id })
	if i < 0 {
		return waf.MatchedRule{}, false
	}
	return tx.MatchedRules()[i], true
}

var detect = waf.Config{Mode: waf.DetectionOnly, RequestBodyAccess: true, ResponseBodyAccess: true}
