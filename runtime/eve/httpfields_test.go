package eve

import (
	"maps"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// A basic http record keeps Suricata's basic fields only and leaves the
// shared sections as they were.
func TestBasicHTTP(t *testing.T) {
	http := map[string]any{"hostname": "h", "url": "/", "http_user_agent": "ua", "http_content_type": "text/html",
		"http_method": "GET", "protocol": "HTTP/1.1", "status": 200, "length": 5, "http_refer": "r", "redirect": "/x",
		"request_headers": []any{}}
	sections := map[string]map[string]any{"http": http}
	got := BasicHTTP(sections)
	keys := slices.Sorted(maps.Keys(got["http"]))
	want := []string{"hostname", "http_content_type", "http_user_agent", "request_headers", "url"}
	if !slices.Equal(keys, want) {
		t.Errorf("basic keys %v, want %v", keys, want)
	}
	if len(sections["http"]) != 11 {
		t.Errorf("shared section changed: %v", sections["http"])
	}
}

// An HTTP/1 alert's http object has no header dumps (Suricata's alerts
// log the basic and extended fields); HTTP/2's keeps its headers.
func TestAlertHTTPWithoutHeaderDumps(t *testing.T) {
	for app, dumps := range map[string]bool{"http": false, "http2": true} {
		u := &inspect.Unit{Kind: inspect.KindApp, Flow: &inspect.Flow{App: app},
			Fields: map[string]map[string]any{"http": {"url": "/", "http_method": "GET", "request_headers": []any{map[string]any{"name": "Host", "value": "h"}}}}}
		ev := UnitEvent(u)
		_, has := ev.Sections["http"]["request_headers"]
		if has != dumps || ev.Sections["http"]["http_method"] != "GET" {
			t.Errorf("%s alert http object %v", app, ev.Sections["http"])
		}
		if _, kept := u.Fields["http"]["request_headers"]; !kept {
			t.Errorf("%s: the unit's shared section lost its headers", app)
		}
	}
}
