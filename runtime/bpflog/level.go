package bpflog

import (
	"fmt"
	"strings"

	"github.com/cilium/ebpf"
)

// Level is a record's severity, as enum rc_log_level of bpf/log.h.
type Level uint8

const (
	LevelDebug Level = 1
	LevelInfo  Level = 2
	LevelWarn  Level = 3
	LevelError Level = 4
)

// LevelVar is the name log.h gives its minimum-level variable by default
// (RC_LOG_LEVEL).
const LevelVar = "rc_log_level"

var levelNames = map[Level]string{LevelDebug: "debug", LevelInfo: "info", LevelWarn: "warn", LevelError: "error"}

func (l Level) String() string {
	if n, ok := levelNames[l]; ok {
		return n
	}
	return fmt.Sprintf("level(%d)", uint8(l))
}

// ParseLevel reads "debug", "info", "warn" (or "warning") or "error",
// in any case.
func ParseLevel(s string) (Level, error) {
	s = strings.ToLower(s)
	if s == "warning" {
		return LevelWarn, nil
	}
	for l, n := range levelNames {
		if n == s {
			return l, nil
		}
	}
	return 0, fmt.Errorf("unknown log level %q (want debug, info, warn or error)", s)
}

// SetLevel sets the minimum level of the log.h variable named variable
// (normally LevelVar) in spec, before it is loaded.
func SetLevel(spec *ebpf.CollectionSpec, variable string, l Level) error {
	if _, ok := levelNames[l]; !ok {
		return fmt.Errorf("set log level: invalid level %d", uint8(l))
	}
	v, ok := spec.Variables[variable]
	if !ok {
		return fmt.Errorf("set log level: the object has no variable %q", variable)
	}
	if err := v.Set(uint8(l)); err != nil {
		return fmt.Errorf("set log level: %w", err)
	}
	return nil
}
