package kernel

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/cilium/ebpf"

	"github.com/rulec/rulec/bpf"
)

// persistent are the maps whose contents outlive a process when a run is
// pinned: the lists (dynamic blocks with their expiry among them), port
// blocks and the counters.
var persistent = []string{
	bpf.RulecMapRcAllowV4, bpf.RulecMapRcAllowV6,
	bpf.RulecMapRcBlockV4, bpf.RulecMapRcBlockV6,
	bpf.RulecMapRcBlockPort, bpf.RulecMapRcCounters,
}

// pinnedMaps opens the persistent maps pinned in dir, for a classifier to
// take over; a map not pinned there yet is left out.
func pinnedMaps(dir string) (map[string]*ebpf.Map, error) {
	out := map[string]*ebpf.Map{}
	for _, name := range persistent {
		m, err := ebpf.LoadPinnedMap(filepath.Join(dir, name), nil)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			for _, m := range out {
				m.Close()
			}
			return nil, fmt.Errorf("pinned map %s: %w", name, err)
		}
		out[name] = m
	}
	return out, nil
}

// pin pins c's persistent maps in dir, those not pinned there already.
func (c *Classifier) pin(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("pin directory: %w", err)
	}
	maps := shared(c)
	for _, name := range persistent {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err == nil {
			continue
		}
		if err := maps[name].Pin(path); err != nil {
			return fmt.Errorf("pin %s: %w", name, err)
		}
	}
	return nil
}

// ListItem is one prefix of a list with its entry; Expires is the
// CLOCK_MONOTONIC time it lapses at, 0 for never.
type ListItem struct {
	Prefix  netip.Prefix
	Rule    uint32
	Expires uint64
}

// ListItems returns every prefix on list l, for a run adopting pinned
// lists to learn the dynamic blocks an earlier process made.
func (c *Classifier) ListItems(l List) ([]ListItem, error) {
	var out []ListItem
	var v bpf.RulecListEntry
	m4, _, _ := c.listKey(l, netip.MustParsePrefix("0.0.0.0/0"))
	var k4 bpf.RulecLpmV4
	it4 := m4.Iterate()
	for it4.Next(&k4, &v) {
		out = append(out, ListItem{netip.PrefixFrom(netip.AddrFrom4(k4.Addr), int(k4.Prefixlen)), v.Rule, v.ExpiresNs})
	}
	if err := it4.Err(); err != nil {
		return nil, err
	}
	m6, _, _ := c.listKey(l, netip.MustParsePrefix("::/0"))
	var k6 bpf.RulecLpmV6
	it6 := m6.Iterate()
	for it6.Next(&k6, &v) {
		out = append(out, ListItem{netip.PrefixFrom(netip.AddrFrom16(k6.Addr), int(k6.Prefixlen)), v.Rule, v.ExpiresNs})
	}
	return out, it6.Err()
}
