package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
)

// checkMacros validates every %{collection.key} or %{VARIABLE} in s: the
// braces close and the collection is a known variable.
func checkMacros(s string) error {
	for {
		i := strings.Index(s, "%{")
		if i < 0 {
			return nil
		}
		s = s[i+2:]
		j := strings.IndexByte(s, '}')
		if j < 0 {
			return fmt.Errorf("unterminated macro %%{%s: %w", s, diag.ErrBadValue)
		}
		coll, _, _ := strings.Cut(s[:j], ".")
		if _, _, ok := variables.lookup(coll); !ok {
			return fmt.Errorf("macro %%{%s}: variable %q %w", s[:j], coll, diag.ErrUnsupported)
		}
		s = s[j+1:]
	}
}
