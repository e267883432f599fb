package reasm

import (
	"fmt"
	"strings"
)

// Policy is the target host's way of resolving overlapping TCP data,
// Suricata's host-os-policy.
type Policy uint8

// Suricata's host OS policies (bsd-right is bsd, old-solaris solaris).
const (
	PolicyBSD Policy = iota // Suricata's default
	PolicyNone
	PolicyOldLinux
	PolicyLinux
	PolicySolaris
	PolicyHPUX10
	PolicyHPUX11
	PolicyIRIX
	PolicyMacOS
	PolicyWindows
	PolicyVista
	PolicyWindows2k3
)

var policyNames = map[string]Policy{
	"none": PolicyNone, "bsd": PolicyBSD, "bsd-right": PolicyBSD, "old-linux": PolicyOldLinux,
	"linux": PolicyLinux, "old-solaris": PolicySolaris, "solaris": PolicySolaris,
	"hpux10": PolicyHPUX10, "hpux11": PolicyHPUX11, "irix": PolicyIRIX, "macos": PolicyMacOS,
	"windows": PolicyWindows, "vista": PolicyVista, "windows2k3": PolicyWindows2k3,
}

// ParsePolicy reads a host-os-policy name.
func ParsePolicy(name string) (Policy, error) {
	p, ok := policyNames[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return 0, fmt.Errorf("%q: %w", name, ErrPolicy)
	}
	return p, nil
}

// newWins reports whether, under policy p, the data of a new segment
// [s, se) replaces that of a delivered one [l, le) where they overlap, as
// Suricata's stream engine decides in IDS mode.
func (p Policy) newWins(s, se, l, le uint32) bool {
	endsAtOrBeyond := diff(le, se) >= 0
	switch {
	case s == l:
		switch {
		case !endsAtOrBeyond:
			return false
		case p == PolicyOldLinux || p == PolicySolaris || p == PolicyHPUX11:
			return true
		}
		return p == PolicyLinux && diff(le, se) > 0
	case diff(s, l) > 0: // the new segment starts first
		switch p {
		case PolicySolaris, PolicyHPUX11:
			return endsAtOrBeyond
		case PolicyBSD, PolicyHPUX10, PolicyIRIX, PolicyWindows, PolicyWindows2k3, PolicyOldLinux, PolicyLinux, PolicyMacOS:
			return true
		}
		return false
	}
	return diff(le, se) > 0 && (p == PolicySolaris || p == PolicyHPUX11)
}
