package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/corazawaf/coraza/v3"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/runtime/waf"
)

// crsSetup is what both engines read before CRS: ModSecurity's
// recommended body-processor rules. Paranoia level stays CRS's default, 1.
const crsSetup = `
SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" \
    "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" \
    "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQBODY_ERROR "!@eq 0" \
    "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.'"
`

// benchRequest is one request both engines process.
type benchRequest struct {
	name, method, uri string
	headers           [][2]string
	body              []byte
}

var browserHeaders = [][2]string{
	{"Host", "www.example.com"},
	{"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"},
	{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
	{"Accept-Language", "en-US,en;q=0.5"},
	{"Accept-Encoding", "gzip, deflate, br"},
	{"Cookie", "session=3f9a2b7c1d; theme=dark"},
	{"Connection", "keep-alive"},
}

func benchRequests() []benchRequest {
	form := []byte("username=alice&password=correct+horse+battery+staple&remember=on&redirect=%2Faccount%2Fsettings")
	json := jsonBody(64 << 10)
	with := func(extra ...[2]string) [][2]string { return append(slices.Clone(browserHeaders), extra...) }
	return []benchRequest{
		{name: "GET", method: "GET", uri: "/search?q=running+shoes&category=sports&page=2&sort=price_asc", headers: browserHeaders},
		{name: "form-POST", method: "POST", uri: "/login", body: form, headers: with(
			[2]string{"Content-Type", "application/x-www-form-urlencoded"},
			[2]string{"Content-Length", fmt.Sprint(len(form))})},
		{name: "JSON-64KB", method: "POST", uri: "/api/v1/users/import", body: json, headers: with(
			[2]string{"Content-Type", "application/json"},
			[2]string{"Content-Length", fmt.Sprint(len(json))})},
	}
}

// attackRequests are checked, not timed: on them both engines must also
// log the same detections.
func attackRequests() []benchRequest {
	form := func(body string) benchRequest {
		return benchRequest{name: "attack-form", method: "POST", uri: "/login", body: []byte(body),
			headers: append(slices.Clone(browserHeaders), [2]string{"Content-Type", "application/x-www-form-urlencoded"})}
	}
	json := form(`{"a":"1 union select password from users","b":["<svg onload=alert(1)>"]}`)
	json.name, json.headers[len(json.headers)-1][1] = "attack-json", "application/json"
	return []benchRequest{
		{name: "attack-GET", method: "GET", headers: browserHeaders,
			uri: "/search?q=%3Cscript%3Ealert(1)%3C/script%3E&id=1'%20OR%20'1'='1&f=../../etc/passwd&cmd=;cat%20/etc/passwd"},
		form("user=admin'--&x=<img src=x onerror=alert(1)>&p=${jndi:ldap://x/a}"),
		json,
	}
}

// jsonBody returns a JSON array of user records of about n bytes.
func jsonBody(n int) []byte {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; b.Len() < n-300; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"User %d","email":"user%d@example.com","active":%t,"roles":["reader","writer"],`+
			`"profile":{"city":"Lisbon","zip":"1000-%03d","bio":"Enjoys hiking, photography and long walks by the river."}}`,
			i, i, i, i%2 == 0, i%1000)
	}
	b.WriteString("]")
	return []byte(b.String())
}

// responseBody is the page both engines see as the response: response
// bodies are inspected (text/html), as in a typical deployment.
var responseBody = []byte("<!DOCTYPE html><html><head><title>Results</title></head><body>" +
	strings.Repeat("<div class=\"item\"><a href=\"/item/42\">Trail running shoe</a><span>EUR 89.90</span></div>", 20) +
	"</body></html>")

// engine processes one request and its response and returns the ids of
// the rules that matched (logged or not).
type engine func(r *benchRequest) []int

func rulecEngine(tb testing.TB, setupFile, crs string) engine {
	res, err := compiler.Compile([]string{setupFile, filepath.Join(crs, "crs-setup.conf.example"), filepath.Join(crs, "rules")}, compiler.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if len(res.Diags.Items) > 0 {
		tb.Fatalf("rulec: %v", res.Diags.Items[0])
	}
	w, err := waf.New(res.Rules, waf.Config{Mode: waf.DetectionOnly, RequestBodyAccess: true, ResponseBodyAccess: true, ArgumentsLimit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	var ids []int
	return func(r *benchRequest) []int {
		tx := w.NewTransaction()
		tx.ProcessConnection("192.0.2.10", 50123, "192.0.2.1", 443)
		tx.ProcessURI(r.uri, r.method, "HTTP/1.1")
		for _, h := range r.headers {
			tx.AddRequestHeader(h[0], h[1])
		}
		tx.ProcessRequestHeaders()
		tx.WriteRequestBody(r.body)
		tx.ProcessRequestBody()
		tx.AddResponseHeader("Content-Type", "text/html; charset=utf-8")
		tx.ProcessResponseHeaders(200, "HTTP/1.1")
		tx.WriteResponseBody(responseBody)
		tx.ProcessResponseBody()
		tx.ProcessLogging()
		ids = ids[:0]
		for _, m := range tx.MatchedRules() {
			ids = append(ids, int(m.ID))
		}
		tx.Close()
		return ids
	}
}

// corazaEngine builds Coraza; with rxPrefilter, its own literal prefilter
// for @rx (SecRxPreFilter On, off by default) is on.
func corazaEngine(tb testing.TB, setupFile, crs string, rxPrefilter bool) engine {
	prefilter := "SecRxPreFilter Off"
	if rxPrefilter {
		prefilter = "SecRxPreFilter On"
	}
	cfg := coraza.NewWAFConfig().WithDirectives(strings.Join([]string{
		prefilter,
		"SecRuleEngine DetectionOnly",
		"SecRequestBodyAccess On",
		"SecResponseBodyAccess On",
		"SecResponseBodyMimeType text/plain text/html",
		"Include " + setupFile,
		"Include " + filepath.Join(crs, "crs-setup.conf.example"),
		"Include " + filepath.Join(crs, "rules", "*.conf"),
	}, "\n"))
	w, err := coraza.NewWAF(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	var ids []int
	return func(r *benchRequest) []int {
		tx := w.NewTransaction()
		tx.ProcessConnection("192.0.2.10", 50123, "192.0.2.1", 443)
		tx.ProcessURI(r.uri, r.method, "HTTP/1.1")
		for _, h := range r.headers {
			tx.AddRequestHeader(h[0], h[1])
		}
		tx.ProcessRequestHeaders()
		if _, _, err := tx.WriteRequestBody(r.body); err != nil {
			tb.Fatal(err)
		}
		if _, err := tx.ProcessRequestBody(); err != nil {
			tb.Fatal(err)
		}
		tx.AddResponseHeader("Content-Type", "text/html; charset=utf-8")
		tx.ProcessResponseHeaders(200, "HTTP/1.1")
		if _, _, err := tx.WriteResponseBody(responseBody); err != nil {
			tb.Fatal(err)
		}
		if _, err := tx.ProcessResponseBody(); err != nil {
			tb.Fatal(err)
		}
		tx.ProcessLogging()
		ids = ids[:0]
		for _, m := range tx.MatchedRules() {
			ids = append(ids, m.Rule().ID())
		}
		if err := tx.Close(); err != nil {
			tb.Fatal(err)
		}
		return ids
	}
}

type namedEngine struct {
	name string
	run  engine
}

// engines builds Coraza (default, then with SecRxPreFilter On) and rulec,
// last, over CRS v4.28.0 with the same setup.
func engines(tb testing.TB) []namedEngine {
	crs := filepath.Join(corpusDir(tb, "crs"), "crs-4.28.0")
	setupFile := filepath.Join(tb.TempDir(), "setup.conf")
	if err := os.WriteFile(setupFile, []byte(crsSetup), 0o600); err != nil {
		tb.Fatal(err)
	}
	return []namedEngine{
		{"coraza", corazaEngine(tb, setupFile, crs, false)},
		{"coraza-rxprefilter", corazaEngine(tb, setupFile, crs, true)},
		{"rulec", rulecEngine(tb, setupFile, crs)},
	}
}

// checkAgreement fails tb unless every engine matches the rules rulec (the
// last) matches on req.
func checkAgreement(tb testing.TB, es []namedEngine, req *benchRequest) []int {
	tb.Helper()
	got := slices.Sorted(slices.Values(es[len(es)-1].run(req)))
	for _, e := range es[:len(es)-1] {
		if want := slices.Sorted(slices.Values(e.run(req))); !slices.Equal(want, got) {
			tb.Fatalf("%s: %s matched %v, rulec %v", req.name, e.name, want, got)
		}
	}
	return got
}

// TestCorazaAgreement checks that rulec and Coraza (both configurations) match the same rules,
// logged or not, on the benchmark requests and on attacks.
func TestCorazaAgreement(t *testing.T) {
	es := engines(t)
	for _, req := range append(benchRequests(), attackRequests()...) {
		t.Logf("%s: matched %v", req.name, checkAgreement(t, es, &req))
	}
}

// BenchmarkCRS runs CRS v4.28.0 at paranoia level 1 on both engines over
// the same requests, after checking that both match the same rules.
func BenchmarkCRS(b *testing.B) {
	es := engines(b)
	for _, req := range benchRequests() {
		checkAgreement(b, es, &req)
		for _, e := range es {
			b.Run(req.name+"/"+e.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					e.run(&req)
				}
			})
		}
	}
}
