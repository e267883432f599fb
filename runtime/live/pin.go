package live

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/rulec/rulec/runtime/kernel"
)

// PinRoot is where pinned runs keep their state, a folder per interface.
const PinRoot = "/sys/fs/bpf/rulec"

// DefaultPinDir is the pin folder of a run on iface.
func DefaultPinDir(iface string) string { return filepath.Join(PinRoot, iface) }

// Unpin removes what a pinned run left in dir: the TCX links (which
// detaches the classifier) and the maps.
func Unpin(dir string) error {
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("nothing pinned: %w", err)
	}
	return os.RemoveAll(dir)
}

// adopt takes over what an earlier pinned run left in the lists: its
// dynamic blocks go on being swept with the expiry they had, and static
// entries the configuration no longer has are removed.
func (r *Runner) adopt() error {
	mono, err := kernel.Monotonic()
	if err != nil {
		return err
	}
	for _, l := range []kernel.List{kernel.AllowList, kernel.BlockList} {
		items, err := r.cls.ListItems(l)
		if err != nil {
			return fmt.Errorf("adopt pinned lists: %w", err)
		}
		keep := r.cfg.Allow
		if l == kernel.BlockList {
			keep = r.cfg.Block
		}
		for _, it := range items {
			switch {
			case it.Expires != 0 && l == kernel.BlockList:
				left := int64(it.Expires) - int64(mono)
				until := r.wall(mono).Add(time.Duration(max(left, 0)))
				r.blocker.Adopt(it.Prefix.Addr(), until, uint64(it.Rule))
				r.adopted++
			case it.Rule == staticRule && !slices.Contains(keep, it.Prefix):
				if err := r.cls.RemoveList(l, it.Prefix); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Adopted is how many dynamic blocks the run took over from a pinned
// earlier run.
func (r *Runner) Adopted() int { return r.adopted }
