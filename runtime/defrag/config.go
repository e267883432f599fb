package defrag

import (
	"fmt"
	"time"
)

// Policy resolves overlapping fragment data, as Suricata's
// defrag/host-os-policy.
type Policy uint8

const (
	// BSD: the fragment with the lower offset wins; on equal offsets the
	// one that came first (Suricata's default).
	BSD Policy = iota
	// Linux: the fragment with the lower offset wins; on equal offsets
	// the one that came last.
	Linux
	// First: data that came first wins.
	First
	// Last: data that came last wins.
	Last
)

var policyNames = [...]string{BSD: "bsd", Linux: "linux", First: "first", Last: "last"}

func (p Policy) String() string { return policyNames[p] }

// ParsePolicy reads a policy name (bsd, linux, first, last).
func ParsePolicy(name string) (Policy, error) {
	for i, n := range policyNames {
		if n == name {
			return Policy(i), nil
		}
	}
	return 0, fmt.Errorf("%w: %q (bsd, linux, first, last)", ErrPolicy, name)
}

// Config bounds defragmentation; zero fields take DefaultConfig's values.
type Config struct {
	// Timeout drops a tracker this long (packet time) after its last
	// fragment (Suricata's defrag.timeout).
	Timeout time.Duration
	// Memcap bounds the fragment bytes held (defrag.memcap).
	Memcap int
	// MaxTrackers bounds the packets being reassembled (defrag.trackers).
	MaxTrackers int
	// MaxFragments bounds the fragments held (defrag.max-frags).
	MaxFragments int
	Policy       Policy
}

// DefaultConfig returns Suricata's defaults.
func DefaultConfig() Config {
	return Config{Timeout: 60 * time.Second, Memcap: 32 << 20, MaxTrackers: 65535, MaxFragments: 65535, Policy: BSD}
}

func withDefaults(c Config) Config {
	d := DefaultConfig()
	if c.Timeout <= 0 {
		c.Timeout = d.Timeout
	}
	if c.Memcap <= 0 {
		c.Memcap = d.Memcap
	}
	if c.MaxTrackers <= 0 {
		c.MaxTrackers = d.MaxTrackers
	}
	if c.MaxFragments <= 0 {
		c.MaxFragments = d.MaxFragments
	}
	return c
}
