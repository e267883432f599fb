package bench

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/corazawaf/coraza/v3"

	"github.com/rulec/rulec/internal/ftw"
)

// corazaFTW runs ftw exchanges through Coraza configured as CRS's test
// setup: the harness's recommended rules, the TX variables rulec's
// harness sets (as a SecAction before crs-setup), DetectionOnly, bodies
// inspected.
func corazaFTW(tb testing.TB, crs string) ftw.Engine {
	dir := tb.TempDir()
	rec := filepath.Join(dir, "recommended.conf")
	if err := os.WriteFile(rec, ftw.RecommendedConf(), 0o600); err != nil {
		tb.Fatal(err)
	}
	var setvars []string
	for _, k := range slices.Sorted(maps.Keys(ftw.CRSTxVars)) {
		setvars = append(setvars, "setvar:tx."+k+"="+ftw.CRSTxVars[k])
	}
	w, err := coraza.NewWAF(coraza.NewWAFConfig().WithDirectives(strings.Join([]string{
		"SecRuleEngine DetectionOnly",
		"SecRequestBodyAccess On",
		"SecResponseBodyAccess On",
		"SecResponseBodyMimeType text/plain text/html text/xml",
		"Include " + rec,
		`SecAction "id:900005,phase:1,nolog,pass,` + strings.Join(setvars, ",") + `"`,
		"Include " + filepath.Join(crs, "crs-setup.conf.example"),
		"Include " + filepath.Join(crs, "rules", "*.conf"),
	}, "\n")))
	if err != nil {
		tb.Fatal(err)
	}
	return func(x *ftw.Exchange) ftw.Logged {
		tx := w.NewTransaction()
		defer tx.Close()
		tx.ProcessConnection("127.0.0.1", 40000, "127.0.0.1", 80)
		tx.ProcessURI(x.URI, x.Method, x.Proto)
		for _, h := range x.Headers {
			tx.AddRequestHeader(h[0], h[1])
		}
		tx.ProcessRequestHeaders()
		tx.WriteRequestBody(x.Body)
		tx.ProcessRequestBody()
		for _, h := range x.RespHeaders {
			tx.AddResponseHeader(h[0], h[1])
		}
		tx.ProcessResponseHeaders(x.Status, "HTTP/1.1")
		tx.WriteResponseBody(x.RespBody)
		tx.ProcessResponseBody()
		tx.ProcessLogging()
		out := ftw.Logged{IDs: map[int]bool{}}
		var b strings.Builder
		for _, m := range tx.MatchedRules() {
			if l, ok := m.(interface{ Log() bool }); ok && !l.Log() {
				continue
			}
			out.IDs[m.Rule().ID()] = true
			fmt.Fprintln(&b, m.ErrorLog())
		}
		out.Lines = b.String()
		return out
	}
}

// TestCorazaCRS runs CRS v4.28.0's regression tests through Coraza in
// process with the harness rulec's conformance run uses, for the README's
// comparison: both pass every test.
func TestCorazaCRS(t *testing.T) {
	crs := filepath.Join(corpusDir(t, "crs"), "crs-4.28.0")
	paths, err := ftw.Files([]string{filepath.Join(crs, "tests")})
	if err != nil {
		t.Fatal(err)
	}
	var files []*ftw.File
	for _, p := range paths {
		f, err := ftw.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	results := (&ftw.Runner{Engine: corazaFTW(t, crs)}).Run(files)
	passed := 0
	for _, r := range results {
		if r.Passed {
			passed++
		} else {
			t.Logf("FAIL %s: %s", r.Name, r.Reason)
		}
	}
	t.Logf("coraza: %d passed, %d failed", passed, len(results)-passed)
	if len(results) < 2000 || passed*100 < len(results)*97 {
		t.Errorf("coraza passed %d of %d", passed, len(results))
	}
}
