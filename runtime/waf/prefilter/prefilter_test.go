package prefilter

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestRequired(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string // nil: no prefilter
	}{
		{`<script`, []string{"<script"}},
		{`(?i)UNION\s+SELECT`, []string{"select"}},
		{`(?:foo|bar)baz`, []string{"barbaz", "foobaz"}},
		{`a[bc]d`, []string{"abd", "acd"}},
		{`(?i)on(?:load|error)\s*=`, []string{"onerror", "onload"}},
		{`\$\{jndi:`, []string{"${jndi:"}},
		{`^\d+$`, nil},
		{`.*`, nil},
		{`ab?`, nil},
		{`x+y`, nil},
		{`(?:alpha|b)`, nil},
		{`foo|.*`, nil},
		{`\x{c2}\x{b4}`, nil},
		{`(?:abc)+def`, []string{"abc"}},
		{`[a-z]{3}\.php`, []string{".php"}},
	}
	for _, tt := range tests {
		got, ok := Required(tt.pattern)
		if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("Required(%q) = %q, %v, want %q", tt.pattern, got, ok, tt.want)
		}
	}
}

// TestSound checks, on matching inputs, that one of the required literals
// occurs whenever the expression matches.
func TestSound(t *testing.T) {
	tests := []struct {
		pattern string
		inputs  []string
	}{
		{`(?i)(?:<script|javascript:|vbscript:)`, []string{"<SCRIPT>", "JavaScript:alert", "x vbscript:y"}},
		{`(?i)\b(?:s(?:elect|leep)|union)\b`, []string{"SELECT 1", "sleep(5)", "a UNION b"}},
		{`(?:\.\./|\.\.\\)+etc`, []string{"../../etc", `..\etc`}},
		{`(?i)a[0-9]?b[xy]c`, []string{"ab xc", "A7BYC", "abxc"}},
		{`(?:get|post)_(?:vars|files)`, []string{"get_vars", "post_files"}},
	}
	for _, tt := range tests {
		lits, ok := Required(tt.pattern)
		re := regexp.MustCompile(tt.pattern)
		for _, in := range tt.inputs {
			if !re.MatchString(in) {
				continue
			}
			if ok && !slices.ContainsFunc(lits, func(l string) bool { return strings.Contains(strings.ToLower(in), l) }) {
				t.Errorf("%q matches %q but none of %q occurs", tt.pattern, in, lits)
			}
		}
	}
}
