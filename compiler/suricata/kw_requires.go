package suricata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// SuricataVersion is the Suricata release whose rule language rulec
// follows, as a rule's requires keyword compares it: 8.0 at its newest
// patch level.
var SuricataVersion = [3]int{8, 0, 255}

// features are the Suricata build features rulec provides to requires.
var features = map[string]bool{}

func init() {
	// The rule's requirements were checked before its other options
	// (unmetRequirement); here the value only has to parse.
	register("requires", valueRequired, func(_ *builder, o *syntax.Option) error {
		_, err := unmet(o.Value)
		return err
	})
}

// unmetRequirement returns why the rule's requires option (if any) is not
// met by rulec, or "" when it is. Suricata checks requires before the
// rule's other keywords and skips a rule whose requirements fail, so an
// unknown keyword in a rule for another version is no error.
func unmetRequirement(r *syntax.Rule) string {
	for _, o := range r.Options {
		if o.Name == "requires" {
			if why, err := unmet(o.Value); err == nil {
				return why
			}
		}
	}
	return ""
}

// unmet parses a requires value (comma separated "feature NAME",
// "keyword NAME" and one "version EXPR", where EXPR is alternatives
// separated by '|', each a list of comparisons that must all hold) and
// returns the first requirement rulec does not meet.
func unmet(v string) (string, error) {
	seenVersion := false
	var why string
	for _, part := range strings.Split(v, ",") {
		key, val, _ := strings.Cut(strings.TrimSpace(part), " ")
		val = strings.TrimSpace(val)
		var miss string
		switch key {
		case "feature":
			if !features[val] {
				miss = "feature " + val
			}
		case "keyword":
			if _, ok := keywords.Lookup(val); !ok {
				miss = "keyword " + val
			}
		case "version":
			if seenVersion {
				return "", badValue("requires, version given twice", v)
			}
			seenVersion = true
			ok, err := versionHolds(val)
			if err != nil {
				return "", err
			}
			if !ok {
				miss = "version " + val
			}
		default:
			miss = "unknown requirement " + strings.TrimSpace(part)
		}
		if why == "" {
			why = miss
		}
	}
	return why, nil
}

// versionHolds evaluates a version expression against SuricataVersion.
func versionHolds(expr string) (bool, error) {
	holds := false
	for _, alt := range strings.Split(expr, "|") {
		fields := strings.Fields(strings.NewReplacer(">=", " >= ", "<=", " <= ", ">", " > ", "<", " < ").Replace(alt))
		if len(fields) == 0 || len(fields)%2 != 0 {
			return false, badValue("requires version", expr)
		}
		all := true
		for i := 0; i < len(fields); i += 2 {
			want, err := parseVersion(fields[i+1])
			if err != nil {
				return false, err
			}
			c := compareVersion(SuricataVersion, want)
			var ok bool
			switch fields[i] {
			case ">=":
				ok = c >= 0
			case ">":
				ok = c > 0
			case "<=":
				ok = c <= 0
			case "<":
				ok = c < 0
			default:
				return false, badValue("requires version operator", fields[i])
			}
			all = all && ok
		}
		holds = holds || all
	}
	return holds, nil
}

func parseVersion(s string) ([3]int, error) {
	var v [3]int
	parts := strings.Split(s, ".")
	if len(parts) > 3 {
		return v, badValue("requires version", s)
	}
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 8)
		if err != nil {
			return v, fmt.Errorf("requires version %q: %w", s, diag.ErrBadValue)
		}
		v[i] = int(n)
	}
	return v, nil
}

func compareVersion(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return 0
}
