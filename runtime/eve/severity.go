package eve

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
