package verify

import (
	"fmt"
	"os"
)

// skipped evaluates a test's skip: section as suricata-verify's runner
// does: true skips; a list skips when one entry's uid is the runner's or
// its feature is the build's. An entry on the suricata.yaml config is
// not evaluated: it skips, saying so.
func skipped(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case bool:
		if x {
			return "skipped by default", nil
		}
		return "", nil
	case []any:
		for _, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				return "", fmt.Errorf("skip entry %v: %w", e, ErrBadTest)
			}
			msg := func(def string) string {
				if s, ok := m["msg"].(string); ok {
					return s
				}
				return def
			}
			if uid, ok := m["uid"].(int); ok && uid == os.Getuid() {
				return msg(fmt.Sprintf("not for uid %d", uid)), nil
			}
			if f, ok := m["feature"].(string); ok && Build.Features[f] {
				return msg("not for feature " + f), nil
			}
			if _, ok := m["config"]; ok {
				return "skip on suricata.yaml config not evaluated", nil
			}
		}
		return "", nil
	}
	return "", fmt.Errorf("skip %v: %w", v, ErrBadTest)
}

// allChecksSkipped says why a test all of whose checks are skipped is
// skipped (the runner counts it skipped, not passed), or "".
func allChecksSkipped(checks []Check) string {
	if len(checks) == 0 {
		return ""
	}
	for _, c := range checks {
		if c.Skip == "" {
			return ""
		}
	}
	return "every check skipped, first: " + checks[0].Skip
}
