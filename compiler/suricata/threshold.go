package suricata

import (
	"fmt"
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// parseThreshold reads "type T, track K, count N, seconds S" in any order;
// detection_filter has no type. Suricata matches the items with an
// unanchored pattern and ignores whatever follows the last one, so a
// missing ';' silently swallows the next option (ET Open sid 2061962 lost a
// reference that way). rulec takes the rule as Suricata does and returns
// a warning (diag.ErrWarning) naming the text it ignored.
func parseThreshold(kind, v string) (ir.Threshold, error) {
	t := ir.Threshold{Kind: kind}
	need := []string{"track", "count", "seconds"}
	if kind != "detection_filter" {
		need = append(need, "type")
	}
	seen := map[string]bool{}
	items := splitArgs(v)
	var ignored error
	for i, item := range items {
		words := strings.Fields(item)
		if len(seen) == len(need) || len(words) > 2 {
			if ignored == nil {
				ignored = trailing(kind, words, items[i:])
			}
			if len(words) > 2 {
				item = words[0] + " " + words[1]
				words = words[:2]
			} else {
				break
			}
		}
		if len(words) < 2 {
			return t, badValue(kind+" option", item)
		}
		key, val := words[0], words[1]
		if seen[key] {
			return t, fmt.Errorf("%s given twice: %w", key, diag.ErrBadValue)
		}
		seen[key] = true
		switch key {
		case "type":
			if kind == "detection_filter" {
				return t, badValue("detection_filter option", item)
			}
			if val != "threshold" && val != "limit" && val != "both" && val != "backoff" {
				return t, badValue("threshold type", val)
			}
			t.Kind = val
		case "track":
			switch val {
			case "by_src", "by_dst", "by_rule", "by_both", "by_flow":
				t.Track = val
			default:
				return t, badValue("track", val)
			}
		case "count":
			n, err := intIn("count", val, 1, math.MaxInt32)
			if err != nil {
				return t, err
			}
			t.Count = int(n)
		case "multiplier":
			n, err := intIn("multiplier", val, 1, math.MaxInt32)
			if err != nil {
				return t, err
			}
			t.Multiplier = int(n)
		case "seconds":
			n, err := intIn("seconds", val, 1, math.MaxInt32)
			if err != nil {
				return t, err
			}
			t.Seconds = int(n)
		default:
			return t, badValue(kind+" option", item)
		}
	}
	if t.Kind == "backoff" {
		need = []string{"type", "track", "count", "multiplier"}
		if t.Track != "by_flow" {
			return t, fmt.Errorf("backoff needs track by_flow: %w", diag.ErrBadValue)
		}
	} else if t.Multiplier != 0 {
		return t, fmt.Errorf("multiplier only applies to type backoff: %w", diag.ErrBadValue)
	}
	for _, k := range need {
		if !seen[k] {
			return t, fmt.Errorf("%s needs %s: %w", kind, k, diag.ErrMissing)
		}
	}
	return t, ignored
}

// trailing is the warning for text after a complete threshold item, most
// often the next option with the ';' before it missing.
func trailing(kind string, words, rest []string) error {
	extra := strings.Join(rest, ",")
	if len(words) > 2 {
		extra = strings.TrimSpace(strings.SplitN(strings.Join(rest, ","), words[1], 2)[1])
	}
	return diag.Warn(fmt.Errorf("text %q after the %s options is ignored, as Suricata ignores it (possible missing semicolon)", extra, kind))
}

func addThreshold(b *builder, t ir.Threshold) error {
	for _, old := range b.rule.Limits {
		if (old.Kind == "detection_filter") == (t.Kind == "detection_filter") {
			return fmt.Errorf("only one %s per rule: %w", t.Kind, diag.ErrConflict)
		}
	}
	b.rule.Limits = append(b.rule.Limits, t)
	return nil
}
