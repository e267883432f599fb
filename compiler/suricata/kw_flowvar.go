package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	for _, scope := range []string{"flow", "pkt"} {
		kw := scope + "var"
		register(kw, valueRequired, func(b *builder, o *syntax.Option) error {
			m, err := parseVarMatch(kw, o.Value)
			if err != nil {
				return err
			}
			m.Scope = scope
			b.rule.Matchers = append(b.rule.Matchers, m)
			return nil
		})
	}
}

// parseVarMatch reads flowvar's and pktvar's `name,"content"`: the name
// up to the last comma, the content after it.
func parseVarMatch(kw, v string) (*ir.VarMatch, error) {
	i := strings.LastIndexByte(v, ',')
	if i < 0 {
		return nil, badValue(kw+`, want name,"content"`, v)
	}
	name := strings.TrimSpace(v[:i])
	if name == "" {
		return nil, fmt.Errorf("%s without a variable name: %w", kw, diag.ErrMissing)
	}
	pat, err := syntax.DecodeContent(strings.TrimSpace(v[i+1:]))
	if err != nil {
		return nil, fmt.Errorf("%s content: %v: %w", kw, err, diag.ErrBadValue)
	}
	if len(pat) == 0 {
		return nil, fmt.Errorf("%s with an empty content: %w", kw, diag.ErrBadValue)
	}
	return &ir.VarMatch{Name: name, Content: pat}, nil
}
