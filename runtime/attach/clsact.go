package attach

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// filterPriority and filterHandle name rulec's bpf filter on the clsact
// qdisc.
const (
	filterPriority = 0xc0de
	filterHandle   = 1
)

// clsactQdisc is the clsact qdisc of an interface, added by Attach or
// found there.
type clsactQdisc struct {
	nl      *netlink.Handle
	ifindex int
	added   bool
}

func qdiscAttrs(ifindex int) netlink.QdiscAttrs {
	return netlink.QdiscAttrs{LinkIndex: ifindex, Handle: netlink.MakeHandle(0xffff, 0), Parent: netlink.HANDLE_CLSACT}
}

// acquireClsact finds the interface's clsact qdisc or adds one.
func acquireClsact(ifindex int) (*clsactQdisc, error) {
	nl, err := netlink.NewHandle(unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink: %w", err)
	}
	q := &clsactQdisc{nl: nl, ifindex: ifindex}
	l, err := nl.LinkByIndex(ifindex)
	if err != nil {
		nl.Close()
		return nil, fmt.Errorf("link %d: %w", ifindex, err)
	}
	qs, err := nl.QdiscList(l)
	if err != nil {
		nl.Close()
		return nil, fmt.Errorf("list qdiscs: %w", err)
	}
	for _, qd := range qs {
		if qd.Type() == "clsact" {
			return q, nil
		}
	}
	if err := nl.QdiscAdd(&netlink.GenericQdisc{QdiscAttrs: qdiscAttrs(ifindex), QdiscType: "clsact"}); err != nil {
		nl.Close()
		return nil, fmt.Errorf("add clsact qdisc: %w", err)
	}
	q.added = true
	return q, nil
}

// release deletes the qdisc if Attach added it and no filter is left on
// it, then closes the netlink handle.
func (q *clsactQdisc) release() error {
	defer q.nl.Close()
	if !q.added {
		return nil
	}
	l, err := q.nl.LinkByIndex(q.ifindex)
	if err != nil {
		return nil // the interface is gone, and its qdisc with it
	}
	for _, parent := range []uint32{netlink.HANDLE_MIN_INGRESS, netlink.HANDLE_MIN_EGRESS} {
		fs, err := q.nl.FilterList(l, parent)
		if err != nil {
			return fmt.Errorf("list filters: %w", err)
		}
		if len(fs) > 0 {
			return nil
		}
	}
	if err := q.nl.QdiscDel(&netlink.GenericQdisc{QdiscAttrs: qdiscAttrs(q.ifindex), QdiscType: "clsact"}); err != nil {
		return fmt.Errorf("delete clsact qdisc: %w", err)
	}
	return nil
}

type filterHook struct {
	nl *netlink.Handle
	f  netlink.BpfFilter
}

func (h *filterHook) update(prog *ebpf.Program) error {
	f := h.f
	f.Fd = prog.FD()
	if err := h.nl.FilterReplace(&f); err != nil {
		return err
	}
	h.f = f
	return nil
}

func (h *filterHook) close() error {
	if err := h.nl.FilterDel(&h.f); err != nil && !errors.Is(err, unix.ENOENT) {
		return fmt.Errorf("delete bpf filter: %w", err)
	}
	return nil
}

func (a *Attachment) attachClsact(ifindex int, dir Direction, prog *ebpf.Program) error {
	a.Kind = Clsact
	q, err := acquireClsact(ifindex)
	if err != nil {
		return fmt.Errorf("%s: %w", a.Iface, err)
	}
	a.qdisc = q
	for _, d := range []struct {
		dir    Direction
		parent uint32
	}{{Ingress, netlink.HANDLE_MIN_INGRESS}, {Egress, netlink.HANDLE_MIN_EGRESS}} {
		if dir&d.dir == 0 {
			continue
		}
		h := &filterHook{nl: q.nl, f: netlink.BpfFilter{
			FilterAttrs: netlink.FilterAttrs{LinkIndex: ifindex, Parent: d.parent, Handle: filterHandle,
				Priority: filterPriority, Protocol: unix.ETH_P_ALL},
			Fd: prog.FD(), Name: "rulec", DirectAction: true,
		}}
		if err := q.nl.FilterAdd(&h.f); err != nil {
			return fmt.Errorf("add bpf filter %s on %s: %w", d.dir, a.Iface, err)
		}
		a.hooks = append(a.hooks, h)
	}
	return nil
}
