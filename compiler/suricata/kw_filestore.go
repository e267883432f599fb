package suricata

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// filestoreArgs is Suricata's filestore option syntax: up to three words.
var filestoreArgs = regexp.MustCompile(`^\s*([A-Za-z_]+)\s*(?:,\s*([A-Za-z_]+))?\s*(?:,\s*([A-Za-z_]+))?\s*$`)

// filestore[:direction[,scope]] makes the rule a file rule (it needs a
// file) that stores files: the matching one by default; with a direction
// (request/to_server, response/to_client, both) those of the transaction,
// or with scope ssn/flow those of the flow. Words Suricata does not know
// are ignored, as it ignores them.
func init() {
	register("filestore", valueOptional, func(b *builder, o *syntax.Option) error {
		if b.rule.Bypass {
			return fmt.Errorf("filestore with bypass: %w", diag.ErrConflict)
		}
		m := &ir.Filestore{Scope: "file"}
		if v := strings.TrimSpace(o.Value); v != "" {
			args := filestoreArgs.FindStringSubmatch(v)
			if args == nil {
				return badValue("filestore, want direction[,scope]", v)
			}
			switch strings.ToLower(args[1]) {
			case "request", "to_server":
				m.Dir, m.Scope = "to_server", "tx"
			case "response", "to_client":
				m.Dir, m.Scope = "to_client", "tx"
			case "both":
				m.Dir, m.Scope = "both", "tx"
			}
			switch strings.ToLower(args[2]) {
			case "file":
				m.Scope = "file"
			case "tx":
				m.Scope = "tx"
			case "ssn", "flow":
				m.Scope = "flow"
			}
		}
		b.rule.Matchers = append(b.rule.Matchers, m)
		return nil
	})
}
