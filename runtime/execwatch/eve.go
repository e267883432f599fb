package execwatch

import "github.com/rulec/rulec/runtime/eve"

// EVE returns the event as an EVE "process" record.
func (e Event) EVE() *eve.Event {
	p := map[string]any{
		"pid":      e.PID,
		"ppid":     e.PPID,
		"tgid":     e.TGID,
		"uid":      e.UID,
		"gid":      e.GID,
		"comm":     e.Comm,
		"filename": e.Filename,
		"exe":      e.Exe,
		"cmdline":  e.Cmdline,
		"runtime":  e.Runtime,
	}
	if e.OldPID != e.PID {
		p["old_pid"] = e.OldPID
	}
	if e.Command != "" {
		p["command"] = e.Command
	}
	c := map[string]any{}
	for k, v := range map[string]string{"id": e.Container.ID, "bundle": e.Container.Bundle, "hostname": e.Container.Hostname} {
		if v != "" {
			c[k] = v
		}
	}
	if len(e.Container.Annotations) > 0 {
		c["annotations"] = e.Container.Annotations
	}
	if len(c) > 0 {
		p["container"] = c
	}
	return &eve.Event{Timestamp: e.Time, EventType: "process", Sections: map[string]map[string]any{"process": p}}
}
