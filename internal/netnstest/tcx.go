package netnstest

import (
	"net"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
)

// TCXPrograms counts the programs attached with TCX (ingress and egress)
// to the namespace's end of the pair. The query runs inside the namespace:
// interface indexes are per namespace.
func (n *NS) TCXPrograms() (int, error) {
	count := 0
	err := n.Do(func() error {
		ifc, err := net.InterfaceByName(n.Iface)
		if err != nil {
			return err
		}
		for _, at := range []ebpf.AttachType{ebpf.AttachTCXIngress, ebpf.AttachTCXEgress} {
			res, err := link.QueryPrograms(link.QueryOptions{Target: ifc.Index, Attach: at})
			if err != nil {
				return err
			}
			count += len(res.Programs)
		}
		return nil
	})
	return count, err
}
