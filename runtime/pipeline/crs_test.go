package pipeline

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
)

// TestCRSOnCapture runs CRS v4.28.0 (SecLang) beside the default
// Suricata rules on the demo capture: the HTTP transactions reassembled
// from packets go through the WAF, each attack raises its CRS rules, and
// the benign requests raise none.
func TestCRSOnCapture(t *testing.T) {
	crs := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0")
	o := compileObject(t, filepath.Join(crs, "crs-setup.conf.example"), filepath.Join(crs, "rules"), filepath.Join("..", "..", "rules"))
	eve := runDemo(t, o, KernelReference)
	byURL := map[string]map[uint64]bool{}
	for _, line := range bytes.Split(bytes.TrimSpace(eve), []byte("\n")) {
		var ev struct {
			Alert struct {
				SID       uint64 `json:"signature_id"`
				Signature string `json:"signature"`
			} `json:"alert"`
			HTTP struct {
				URL string `json:"url"`
			} `json:"http"`
		}
		json.Unmarshal(line, &ev)
		if ev.Alert.SID < 900000 || ev.Alert.SID >= 1000000 {
			continue
		}
		if bytes.Contains([]byte(ev.Alert.Signature), []byte("%{")) {
			t.Errorf("signature with an unexpanded macro: %q", ev.Alert.Signature)
		}
		if byURL[ev.HTTP.URL] == nil {
			byURL[ev.HTTP.URL] = map[uint64]bool{}
		}
		byURL[ev.HTTP.URL][ev.Alert.SID] = true
	}
	want := map[string]uint64{
		"/products?id=1%20UNION%20SELECT%20password%20FROM%20users": 942100,
		"/static/../../../../etc/passwd":                            930100,
		"/search?q=<script>alert(1)</script>":                       941100,
		"/login":                                                    913100,
		"/upload.php":                                               932260,
		"/":                                                         944150,
	}
	for url, sid := range want {
		if !byURL[url][sid] {
			t.Errorf("%s: no CRS alert %d (got %v)", url, sid, byURL[url])
		}
	}
	for _, benign := range []string{"/index.html", "/products?id=7"} {
		if len(byURL[benign]) > 0 {
			t.Errorf("benign %s raised %v", benign, byURL[benign])
		}
	}
}
