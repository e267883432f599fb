package verify

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Evaluate applies the checks to EVE lines and returns one message per
// failing check.
func Evaluate(checks []Check, eveLines []byte) ([]string, error) {
	var events []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(eveLines)), "\n") {
		if line == "" {
			continue
		}
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			return nil, fmt.Errorf("bad EVE line %q: %w", line, err)
		}
		events = append(events, ev)
	}
	var fails []string
	for _, c := range checks {
		if c.Other != "" {
			fails = append(fails, fmt.Sprintf("check kind %q not supported", c.Other))
			continue
		}
		n := 0
		for _, ev := range events {
			if matches(ev, c.Match) {
				n++
			}
		}
		if n != c.Count {
			fails = append(fails, fmt.Sprintf("%s: got %d, want %d", describe(c.Match), n, c.Count))
		}
	}
	return fails, nil
}

func matches(ev map[string]any, want map[string]any) bool {
	for path, w := range want {
		got, ok := lookup(ev, path)
		if !ok || !equal(got, w) {
			return false
		}
	}
	return true
}

// lookup follows a dotted path ("alert.signature_id") into an event.
func lookup(ev map[string]any, path string) (any, bool) {
	var cur any = ev
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func equal(got, want any) bool {
	return canon(got) == canon(want)
}

// canon renders numbers alike whether they came from JSON or YAML.
func canon(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

func describe(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, m[k]))
	}
	return strings.Join(parts, " ")
}
