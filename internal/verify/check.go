package verify

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Evaluate applies the checks to EVE lines and returns one message per
// failing check. Checks that do not apply to Build are left out.
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
		if c.Skip != "" {
			continue
		}
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

// matches applies one filter's match: has-key and not-has-key name a
// path, or a list of paths, that must (not) exist; any other key is a
// path whose value must equal the one given.
func matches(ev map[string]any, want map[string]any) bool {
	for path, w := range want {
		switch path {
		case "has-key":
			for _, k := range asList(w) {
				if _, ok := lookup(ev, fmt.Sprint(k)); !ok {
					return false
				}
			}
		case "not-has-key":
			for _, k := range asList(w) {
				if _, ok := lookup(ev, fmt.Sprint(k)); ok {
					return false
				}
			}
		default:
			// a path that is absent has the value null, as the runner's
			// find_value gives None
			got, ok := lookup(ev, path)
			if !ok && w == nil {
				continue
			}
			if !ok || !holds(got, w, path[strings.LastIndexByte(path, '.')+1:]) {
				return false
			}
		}
	}
	return true
}

// asList is v's items when it is a list, else v alone.
func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// holds compares a value found to the one wanted, by the path's last
// part as suricata-verify's runner does: __contains (an item of a list,
// a key of an object, a substring), __find (a substring), __startswith,
// __endswith, __gt, __gte, __lt, __lte (numbers); else equality.
func holds(got, want any, op string) bool {
	s, isStr := got.(string)
	ws := fmt.Sprint(want)
	switch op {
	case "__contains":
		switch x := got.(type) {
		case []any:
			for _, v := range x {
				if equal(v, want) {
					return true
				}
			}
			return false
		case map[string]any:
			_, ok := x[ws]
			return ok
		}
		return isStr && strings.Contains(s, ws)
	case "__find":
		return isStr && strings.Contains(s, ws)
	case "__startswith":
		return isStr && strings.HasPrefix(s, ws)
	case "__endswith":
		return isStr && strings.HasSuffix(s, ws)
	case "__gt", "__gte", "__lt", "__lte":
		a, ok1 := got.(float64)
		b, ok2 := number(want)
		if !ok1 || !ok2 {
			return false
		}
		switch op {
		case "__gt":
			return a > b
		case "__gte":
			return a >= b
		case "__lt":
			return a < b
		}
		return a <= b
	}
	return equal(got, want)
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// lookup follows a dotted path ("alert.signature_id", "dns.answers[0].rrname",
// "dns.queries.__len") into an event.
func lookup(ev map[string]any, path string) (any, bool) {
	var cur any = ev
	for _, part := range strings.Split(path, ".") {
		switch part {
		case "__contains", "__find", "__startswith", "__endswith", "__gt", "__gte", "__lt", "__lte":
			// the whole value, which the operator then tests
			return cur, true
		}
		if part == "__len" {
			switch x := cur.(type) {
			case []any:
				return float64(len(x)), true
			case map[string]any:
				return float64(len(x)), true
			case string:
				return float64(len(x)), true
			}
			return nil, false
		}
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil {
				return nil, false
			}
			name, idx = part[:i], n
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[name]; !ok {
			return nil, false
		}
		if idx >= 0 {
			l, ok := cur.([]any)
			if !ok || idx >= len(l) {
				return nil, false
			}
			cur = l[idx]
		}
	}
	return cur, true
}

func equal(got, want any) bool {
	return canon(got) == canon(want)
}

// canon renders numbers alike whether they came from JSON or YAML, also
// inside objects and lists (compared whole, as the runner's == does).
func canon(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case nil:
		return "null"
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = strconv.Quote(k) + ":" + canon(x[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canon(e)
		}
		return "[" + strings.Join(parts, ",") + "]"
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
