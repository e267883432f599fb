package operator

import (
	"fmt"
	"regexp"

	re2 "github.com/wasilibs/go-re2"
	"github.com/wasilibs/go-re2/experimental"
)

// matcher is what @rx needs of a compiled expression; *re2.Regexp and
// *regexp.Regexp both provide it.
type matcher interface {
	MatchString(s string) bool
	FindStringSubmatchIndex(s string) []int
}

var (
	_ matcher = (*re2.Regexp)(nil)
	_ matcher = (*regexp.Regexp)(nil)
)

// CompileRx compiles an @rx pattern with ModSecurity's flags, on RE2 in
// Latin-1 mode, or on Go's regexp when RE2 rejects the pattern.
func CompileRx(pattern string) (matcher, error) {
	expr := "(?sm)" + pattern
	re, err := experimental.CompileLatin1(expr)
	if err == nil {
		return re, nil
	}
	std, err2 := regexp.Compile(expr)
	if err2 != nil {
		return nil, fmt.Errorf("%q: %v: %w", pattern, err, ErrArg)
	}
	return std, nil
}

// capture runs m on v and fills c.Groups with the whole match and the
// groups, clearing the slots past them.
func capture(m matcher, c *Call, v string) bool {
	loc := m.FindStringSubmatchIndex(v)
	if loc == nil {
		return false
	}
	n := min(len(loc)/2, MaxGroups)
	for i := range n {
		if loc[2*i] >= 0 {
			c.Groups[i] = v[loc[2*i]:loc[2*i+1]]
		} else {
			c.Groups[i] = ""
		}
	}
	c.NGroups, c.Reset = n, true
	return true
}
