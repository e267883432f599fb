package kernel

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/rulec/rulec/bpf"
)

// List is an address list checked before classification.
type List uint8

const (
	// AllowList: a packet with a source or destination on it passes.
	AllowList List = iota
	// BlockList: otherwise, a packet with an address on it is dropped
	// with a Block event.
	BlockList
)

// ListEntry is the value of a list prefix.
type ListEntry struct {
	Rule  uint32        // reported by Block events
	TTL   time.Duration // 0: never expires
	Flags uint32        // userspace bookkeeping; the classifier ignores it
}

// AddList adds or replaces p on list l.
func (c *Classifier) AddList(l List, p netip.Prefix, e ListEntry) error {
	v := bpf.RulecListEntry{Rule: e.Rule, Flags: e.Flags}
	if e.TTL > 0 {
		var now unix.Timespec
		if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &now); err != nil {
			return fmt.Errorf("monotonic clock: %w", err)
		}
		v.ExpiresNs = uint64(now.Nano()) + uint64(e.TTL)
	}
	m, key, err := c.listKey(l, p)
	if err != nil {
		return err
	}
	if err := m.Put(key, v); err != nil {
		return fmt.Errorf("add %v to list %d: %w", p, l, err)
	}
	return nil
}

// RemoveList removes p from list l.
func (c *Classifier) RemoveList(l List, p netip.Prefix) error {
	m, key, err := c.listKey(l, p)
	if err != nil {
		return err
	}
	if err := m.Delete(key); err != nil {
		return fmt.Errorf("remove %v from list %d: %w", p, l, err)
	}
	return nil
}

func (c *Classifier) listKey(l List, p netip.Prefix) (*ebpf.Map, any, error) {
	if !p.IsValid() {
		return nil, nil, fmt.Errorf("invalid prefix %v", p)
	}
	m := &c.objs.RulecMaps
	v4 := p.Addr().Is4()
	switch {
	case l == AllowList && v4:
		return m.RcAllowV4, lpmV4(p), nil
	case l == AllowList:
		return m.RcAllowV6, lpmV6(p), nil
	case l == BlockList && v4:
		return m.RcBlockV4, lpmV4(p), nil
	case l == BlockList:
		return m.RcBlockV6, lpmV6(p), nil
	}
	return nil, nil, fmt.Errorf("unknown list %d", l)
}
