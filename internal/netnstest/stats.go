package netnstest

import "github.com/vishvananda/netlink"

// LinkStats are the kernel's counters of the namespace's end of the pair.
// On a veth, RxPackets counts what the peer handed to this end's receive
// queue: every packet a program attached at ingress is about to see.
func (n *NS) LinkStats() (netlink.LinkStatistics, error) {
	var s netlink.LinkStatistics
	err := n.Do(func() error {
		l, err := netlink.LinkByName(n.Iface)
		if err != nil {
			return err
		}
		if st := l.Attrs().Statistics; st != nil {
			s = *st
		}
		return nil
	})
	return s, err
}
