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
	v, err := e.value()
	if err != nil {
		return err
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

func (e ListEntry) value() (bpf.RulecListEntry, error) {
	v := bpf.RulecListEntry{Rule: e.Rule, Flags: e.Flags}
	if e.TTL > 0 {
		now, err := Monotonic()
		if err != nil {
			return v, err
		}
		v.ExpiresNs = now + uint64(e.TTL)
	}
	return v, nil
}

// Monotonic reads CLOCK_MONOTONIC, the clock of bpf_ktime_get_ns(), in
// nanoseconds.
func Monotonic() (uint64, error) {
	var now unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &now); err != nil {
		return 0, fmt.Errorf("monotonic clock: %w", err)
	}
	return uint64(now.Nano()), nil
}

// AddPortBlock drops every packet of protocol proto (6 TCP or 17 UDP) to
// port, unless an address of the packet is on the allow list.
func (c *Classifier) AddPortBlock(proto uint8, port uint16, e ListEntry) error {
	if proto != 6 && proto != 17 {
		return fmt.Errorf("port block for protocol %d: only TCP (6) and UDP (17) have ports", proto)
	}
	v, err := e.value()
	if err != nil {
		return err
	}
	if err := c.objs.RcBlockPort.Put(bpf.RulecPortKey{Proto: proto, Port: port}, v); err != nil {
		return fmt.Errorf("block port %d/%d: %w", proto, port, err)
	}
	return nil
}

// RemovePortBlock removes a port block.
func (c *Classifier) RemovePortBlock(proto uint8, port uint16) error {
	if err := c.objs.RcBlockPort.Delete(bpf.RulecPortKey{Proto: proto, Port: port}); err != nil {
		return fmt.Errorf("unblock port %d/%d: %w", proto, port, err)
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
