package eve

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
)

// Severity names a rule priority: 1 critical, 2 high, 3 medium, 4 and
// above (or unset) low, unless a mapping overrides it.
type Severity map[int]string

// DefaultSeverity is the mapping rulec uses without configuration.
var DefaultSeverity = Severity{1: "critical", 2: "high", 3: "medium", 4: "low"}

// Name returns the severity name of priority p.
func (s Severity) Name(p int) string {
	if n, ok := s[p]; ok {
		return n
	}
	return "low"
}

// ParseSeverity reads a mapping such as "1=critical,2=high,3=medium,4=low"
// over the default one.
func ParseSeverity(s string) (Severity, error) {
	out := Severity{}
	maps.Copy(out, DefaultSeverity)
	if s == "" {
		return out, nil
	}
	for _, item := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		p, err := strconv.Atoi(k)
		if !ok || err != nil || p < 1 || p > 255 {
			return nil, fmt.Errorf("severity mapping %q: want priority=name", item)
		}
		switch v {
		case "critical", "high", "medium", "low":
			out[p] = v
		default:
			return nil, fmt.Errorf("severity %q: want critical, high, medium or low", v)
		}
	}
	return out, nil
}
