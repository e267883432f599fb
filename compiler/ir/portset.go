package ir

import (
	"strconv"
	"strings"
)

const maxPort = 65535

// PortSet is a resolved, canonical set of ports.
type PortSet struct{ Spans Spans }

// AnyPort is the set of every port.
func AnyPort() PortSet { return PortSet{Spans{{Hi: U128{Lo: maxPort}}}} }

// PortRange returns the set [lo, hi].
func PortRange(lo, hi uint16) PortSet {
	return PortSet{Spans{{U128{Lo: uint64(lo)}, U128{Lo: uint64(hi)}}}}
}

// Union returns s ∪ o.
func (s PortSet) Union(o PortSet) PortSet { return PortSet{union(s.Spans, o.Spans)} }

// Complement returns every port not in s.
func (s PortSet) Complement() PortSet {
	return PortSet{complement(s.Spans.normalize(), U128{Lo: maxPort})}
}

// Minus returns s \ o.
func (s PortSet) Minus(o PortSet) PortSet {
	return PortSet{minus(s.Spans, o.Spans, U128{Lo: maxPort})}
}

// Empty reports whether s holds no port.
func (s PortSet) Empty() bool { return len(s.Spans) == 0 }

// IsAny reports whether s holds every port.
func (s PortSet) IsAny() bool { return len(s.Spans) == 1 && s.Spans[0] == Span{Hi: U128{Lo: maxPort}} }

// Ranges returns the set as sorted closed ranges.
func (s PortSet) Ranges() [][2]uint16 {
	out := make([][2]uint16, len(s.Spans))
	for i, sp := range s.Spans {
		out[i] = [2]uint16{uint16(sp.Lo.Lo), uint16(sp.Hi.Lo)}
	}
	return out
}

// Contains reports whether port p is in s.
func (s PortSet) Contains(p uint16) bool {
	for _, r := range s.Ranges() {
		if r[0] <= p && p <= r[1] {
			return true
		}
	}
	return false
}

func (s PortSet) String() string {
	switch {
	case s.IsAny():
		return "any"
	case s.Empty():
		return "none"
	}
	var parts []string
	for _, r := range s.Ranges() {
		if r[0] == r[1] {
			parts = append(parts, strconv.Itoa(int(r[0])))
		} else {
			parts = append(parts, strconv.Itoa(int(r[0]))+":"+strconv.Itoa(int(r[1])))
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}
