package eve

import "maps"

// HTTPBasic, kept in Types, is an eve-log http type without extended:
// yes: its records hold Suricata's basic fields only.
const HTTPBasic = "http.basic"

// extendedHTTP are the keys of the http object an HTTP/1 record has only
// with extended: yes (Suricata's EveHttpLogJSONExtended); alerts and
// fileinfo records always have them.
var extendedHTTP = []string{"http_refer", "http_method", "protocol", "status", "status_string", "redirect", "length"}

// dumpedHTTP are the header lists of dump-all-headers, which only the
// http records of HTTP/1 have.
var dumpedHTTP = []string{"request_headers", "response_headers"}

// BasicHTTP is sections with the http object cut to the basic fields.
func BasicHTTP(sections map[string]map[string]any) map[string]map[string]any {
	return withoutHTTP(sections, extendedHTTP)
}

// withoutHTTP is sections without keys in its http object; sections is
// shared, so a changed one is a copy.
func withoutHTTP(sections map[string]map[string]any, keys []string) map[string]map[string]any {
	h, ok := sections["http"]
	if !ok {
		return sections
	}
	var cut map[string]any
	for _, k := range keys {
		if _, has := h[k]; !has {
			continue
		}
		if cut == nil {
			cut = maps.Clone(h)
		}
		delete(cut, k)
	}
	if cut == nil {
		return sections
	}
	out := maps.Clone(sections)
	out["http"] = cut
	return out
}
