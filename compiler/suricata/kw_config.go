package suricata

import (
	"fmt"
	"regexp"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// configArgs is Suricata 8's config syntax: subsystem and state, then
// "type" and "scope" with their values.
var configArgs = regexp.MustCompile(`^\s*([A-z_]+)\s*([A-z_]+)\s*,\s*([A-z_]+)\s+([A-z_]+)\s*,\s*([A-z_]+)\s+([A-z_]+)$`)

// config:<subsys> disable, type <tx|flow>, scope <tx|flow|packet> is
// validated as Suricata 8 does. Disabling the logging of the matching
// transaction is what Suricata 8 acts on; the other combinations it
// accepts do nothing there and are kept with a warning saying so, and
// disabling flow tracking per packet, which needs the pre_flow hook
// rulec has not, is refused.
func init() {
	register("config", valueRequired, func(b *builder, o *syntax.Option) error {
		m := configArgs.FindStringSubmatch(o.Value)
		if m == nil {
			return badValue("syntax, want <logging|tracking> disable, type <tx|flow>, scope <tx|flow|packet>", o.Value)
		}
		c := ir.Config{Subsys: m[1], Type: m[4], Scope: m[6]}
		switch {
		case c.Subsys != "logging" && c.Subsys != "tracking":
			return badValue("subsystem, want logging or tracking", c.Subsys)
		case m[2] != "disable":
			return badValue("state, want disable", m[2])
		case m[3] != "type":
			return badValue("option, want type", m[3])
		case c.Type != "tx" && c.Type != "flow":
			return badValue("type, want tx or flow", c.Type)
		case m[5] != "scope":
			return badValue("option, want scope", m[5])
		case c.Scope != "tx" && c.Scope != "flow" && c.Scope != "packet":
			return badValue("scope, want tx, flow or packet", c.Scope)
		case c.Subsys == "tracking" && c.Type == "flow" && c.Scope == "packet":
			return fmt.Errorf("config: disabling flow tracking needs the pre_flow hook: %w", diag.ErrUnsupported)
		}
		b.rule.Config = append(b.rule.Config, c)
		if !c.DisablesTxLog() {
			return fmt.Errorf("config: Suricata 8 does nothing for %s disable of type %s over scope %s: %w", c.Subsys, c.Type, c.Scope, diag.ErrWarning)
		}
		return nil
	})
}
