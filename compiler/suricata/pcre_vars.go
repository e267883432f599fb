package suricata

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// pcreMaxVars is the most variables one pcre captures (Suricata's
// DETECT_PCRE_CAPTURE_MAX).
const pcreMaxVars = 8

// pcreVarScopes are the prefixes of Suricata's capture names.
var pcreVarScopes = []string{"flow:", "pkt:", "alert:"}

// namedCapture is a named group whose name gives a variable, as Suricata
// reads it: (?P<flow_name>, (?P<pkt_name> or (?P<alert_name>.
var namedCapture = regexp.MustCompile(`\(\?P<([A-Za-z_]+?)_([A-Za-z0-9_]+?)>`)

// cutCaptureNames splits a pcre value into the regex and the capture
// names after it ("/(a)(b)/, flow:x,pkt:y"), as Suricata does: at the
// first scope prefix that separators set apart from the regex.
func cutCaptureNames(v string) (string, string) {
	cut := -1
	for _, p := range pcreVarScopes {
		if i := strings.Index(v, p); i >= 0 && (cut < 0 || i < cut) {
			cut = i
		}
	}
	if cut <= 1 {
		return v, ""
	}
	end := cut - 1
	for end > 0 && (v[end] == ',' || v[end] == ' ') {
		end--
	}
	if end == cut-1 {
		return v, ""
	}
	return v[:end+1], v[cut:]
}

// pcreVars sets the variables m's captures set: those of the capture
// names, then those of the named groups of the whole value v. Alert
// captures (Suricata's alert.context) are not supported.
func pcreVars(m *ir.PCRE, v, names string) error {
	m.NamedOnly = names == ""
	if groups := countGroups(m.Pattern); groups > 0 && names != "" {
		key := false
		list := strings.FieldsFunc(names, func(r rune) bool { return r == ' ' || r == ',' })
		for i, n := range list {
			if i >= groups {
				return fmt.Errorf("pcre has more capture names than its %d capturing groups: %w", groups, diag.ErrBadValue)
			}
			if i >= pcreMaxVars {
				break
			}
			switch {
			case n == "pkt:key":
				key = true
				m.Vars = append(m.Vars, ir.PCREVar{Scope: "pkt", KeyValue: true})
			case n == "pkt:value" && key:
				key = false
			case n == "pkt:value", key:
				return fmt.Errorf("pcre capture %q: pkt:key must be followed by pkt:value: %w", n, diag.ErrBadValue)
			default:
				scope, name, ok := strings.Cut(n, ":")
				if !ok || name == "" || scope != "flow" && scope != "pkt" && scope != "alert" {
					return badValue("pcre capture name, want pkt:, flow: or alert: and a name", n)
				}
				m.Vars = append(m.Vars, ir.PCREVar{Scope: scope, Name: name})
			}
		}
	}
	for _, g := range namedCapture.FindAllStringSubmatch(v, -1) {
		if len(m.Vars) >= pcreMaxVars {
			return fmt.Errorf("pcre captures more than %d variables: %w", pcreMaxVars, diag.ErrLimit)
		}
		switch g[1] {
		case "pkt", "flow", "alert":
			m.Vars = append(m.Vars, ir.PCREVar{Scope: g[1], Name: g[2]})
		}
	}
	for _, v := range m.Vars {
		if v.Scope == "alert" {
			return fmt.Errorf("pcre capture alert:%s (alert.context): %w", v.Name, diag.ErrUnsupported)
		}
	}
	return nil
}

// countGroups counts the capturing groups of a regex: unescaped "(" out
// of classes, not opening a "(?" group other than a named one.
func countGroups(re string) int {
	n, class := 0, false
	for i := 0; i < len(re); i++ {
		switch c := re[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
			if strings.HasPrefix(re[i+1:], "^]") {
				i += 2
			} else if strings.HasPrefix(re[i+1:], "]") {
				i++
			}
		case c == '(':
			rest := re[i+1:]
			if !strings.HasPrefix(rest, "?") || strings.HasPrefix(rest, "?P<") ||
				strings.HasPrefix(rest, "?<") && !strings.HasPrefix(rest, "?<=") && !strings.HasPrefix(rest, "?<!") ||
				strings.HasPrefix(rest, "?'") {
				n++
			}
		}
	}
	return n
}
