package flow

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/rulec/rulec/runtime/flow/reasm"
)

// HostOS maps hosts to the way their TCP stack resolves overlapping data
// (Suricata's host-os-policy): the longest prefix holding an address
// decides; an address none holds gets Suricata's default, bsd.
type HostOS []hostPolicy

type hostPolicy struct {
	prefix netip.Prefix
	policy reasm.Policy
}

// set gives the hosts of a comma-separated list of addresses and
// prefixes the policy named.
func (h *HostOS) set(name, list string) error {
	p, err := reasm.ParsePolicy(name)
	if err != nil {
		return err
	}
	for _, s := range strings.Split(strings.Trim(list, "[] "), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		pfx, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return fmt.Errorf("host-os-policy %s: %w", name, err)
			}
			pfx = netip.PrefixFrom(a, a.BitLen())
		}
		*h = append(*h, hostPolicy{prefix: pfx.Masked(), policy: p})
	}
	return nil
}

// Policy is the policy of the host at a.
func (h HostOS) Policy(a netip.Addr) reasm.Policy {
	a = a.Unmap()
	best, pol := -1, reasm.PolicyBSD
	for _, hp := range h {
		if hp.prefix.Bits() > best && hp.prefix.Contains(a) {
			best, pol = hp.prefix.Bits(), hp.policy
		}
	}
	return pol
}
