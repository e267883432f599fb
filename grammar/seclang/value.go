package seclang

import (
	"errors"
	"strings"
)

// SetVar is the value of a setvar action: [!]collection.name[=[+|-]value].
type SetVar struct {
	Remove     bool // !collection.name
	Collection string
	Name       string // may hold %{macros}
	Op         byte   // 0 without a value, '=' to assign, '+' or '-' to add or subtract
	Value      string
}

// ParseSetVar splits the value of a setvar action.
func ParseSetVar(v string) (SetVar, error) {
	var s SetVar
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "!") {
		s.Remove = true
		v = v[1:]
	}
	target, value, assign := strings.Cut(v, "=")
	if assign {
		if s.Remove {
			return SetVar{}, errors.New("a removed variable takes no value")
		}
		s.Op, s.Value = '=', value
		if value != "" && (value[0] == '+' || value[0] == '-') {
			s.Op, s.Value = value[0], value[1:]
		}
	}
	coll, name, ok := strings.Cut(strings.TrimSpace(target), ".")
	if !ok || coll == "" || name == "" {
		return SetVar{}, errors.New("want collection.name")
	}
	s.Collection, s.Name = coll, name
	return s, nil
}

// ParseCtl splits the value of a ctl action, option=value.
func ParseCtl(v string) (option, value string, err error) {
	option, value, ok := strings.Cut(v, "=")
	option = strings.TrimSpace(option)
	if !ok || option == "" {
		return "", "", errors.New("want option=value")
	}
	return option, strings.TrimSpace(value), nil
}
