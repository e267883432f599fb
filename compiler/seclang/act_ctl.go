package seclang

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

var ctlOptions = newTable[struct{}]("seclang ctl option")

func init() {
	for _, o := range []string{
		"auditEngine", "auditLogParts", "debugLogLevel", "forceRequestBodyVariable", "requestBodyAccess",
		"requestBodyLimit", "requestBodyProcessor", "responseBodyAccess", "responseBodyLimit", "ruleEngine",
		"ruleRemoveById", "ruleRemoveByMsg", "ruleRemoveByTag", "ruleRemoveTargetById", "ruleRemoveTargetByMsg",
		"ruleRemoveTargetByTag", "hashEngine", "hashEnforcement",
	} {
		ctlOptions.add(o, struct{}{})
	}
	registerAction("ctl", valueRequired, func(b *builder, a *syntax.Action) error {
		opt, val, err := syntax.ParseCtl(a.Value)
		if err != nil {
			return fmt.Errorf("%q: %v: %w", a.Value, err, diag.ErrBadValue)
		}
		canon, _, ok := ctlOptions.lookup(opt)
		if !ok {
			return fmt.Errorf("option %q %w", opt, diag.ErrUnsupported)
		}
		b.part.Actions.Ctl = append(b.part.Actions.Ctl, ir.KV{Key: canon, Value: val})
		return nil
	})
}
