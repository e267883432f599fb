package waf

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/registry"
)

// ctlFactory compiles one ctl option's value into the change it makes to
// a transaction. Options are registered one file each.
type ctlFactory func(w *WAF, value string) (func(tx *Tx), error)

var ctls = registry.New[ctlFactory]("ctl option")

func registerCtl(name string, f ctlFactory) { ctls.Register(name, f) }

func compileCtl(w *WAF, option, value string) (func(tx *Tx), error) {
	f, ok := ctls.Lookup(option)
	if !ok {
		return nil, fmt.Errorf("ctl:%s: %w", option, ErrUnsupported)
	}
	run, err := f(w, value)
	if err != nil {
		return nil, fmt.Errorf("ctl:%s=%s: %w", option, value, err)
	}
	return run, nil
}

// onOff reads On or Off.
func onOff(v string) (bool, error) {
	switch {
	case strings.EqualFold(v, "On"):
		return true, nil
	case strings.EqualFold(v, "Off"):
		return false, nil
	}
	return false, fmt.Errorf("want On or Off: %w", ErrUnsupported)
}

// The options that concern what the engine does not do (audit and debug
// logs, hashing, on-disk body limits) are accepted and change nothing.
func init() {
	for _, name := range []string{"auditEngine", "auditLogParts", "debugLogLevel", "hashEngine", "hashEnforcement",
		"requestBodyLimit", "responseBodyLimit"} {
		registerCtl(name, func(*WAF, string) (func(*Tx), error) { return func(*Tx) {}, nil })
	}
}
